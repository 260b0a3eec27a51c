<?xml version="1.0" encoding="UTF-8"?>
<!--
  Service 60010153: builds req.xml, the transport file that travels with piev_epgu.xml.
  Input is the business document made by piev_epgu.xsl; its ExternalKey must already hold the order number.
  The routing constants below are those of the service specification for FSSP service 60010153.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:in="http://www.fssprus.ru/namespace/incoming/2019/1"
                xmlns:fssp="urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1"
                xmlns:gw="urn:epgu-gateway:stylesheet"
                exclude-result-prefixes="xs in gw">

    <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="no" indent="yes"/>

    <!-- parameters are untyped because Camel passes message headers of any Java type; checked below -->
    <xsl:param name="orderId" required="yes"/>
    <xsl:param name="epguEnv" required="yes"/>
    <xsl:param name="requestDateTime" required="yes"/>
    <xsl:param name="statementDate" required="yes"/>

    <xsl:variable name="order-number" as="xs:string" select="normalize-space(string($orderId))"/>
    <xsl:variable name="environment" as="xs:string" select="normalize-space(string($epguEnv))"/>
    <xsl:variable name="request-time" as="xs:string" select="normalize-space(string($requestDateTime))"/>
    <xsl:variable name="statement-date" as="xs:string" select="normalize-space(string($statementDate))"/>

    <xsl:template match="/">
        <xsl:call-template name="check-parameters"/>
        <xsl:apply-templates select="in:IRequest"/>
    </xsl:template>

    <xsl:template match="in:IRequest">
        <!-- req.xml and piev_epgu.xml must name the same order, or EPGU refuses the archive -->
        <xsl:if test="normalize-space(in:ExternalKey) ne $order-number">
            <xsl:sequence select="error(xs:QName('gw:order-mismatch'),
                                'ExternalKey ''' || normalize-space(in:ExternalKey)
                                || ''' differs from orderId ''' || $order-number || '''')"/>
        </xsl:if>
        <fssp:EPGURequest Env="{$environment}">
            <fssp:DataRequest>
                <fssp:OrderId><xsl:value-of select="$order-number"/></fssp:OrderId>
                <fssp:Date><xsl:value-of select="$request-time"/></fssp:Date>
                <fssp:Department>ФССП</fssp:Department>
                <fssp:DepartmentCode>00000</fssp:DepartmentCode>
                <fssp:ReceiverID>FSSP10</fssp:ReceiverID>
                <fssp:ServiceCode>10001449665</fssp:ServiceCode>
                <fssp:TargetCode>10001505301</fssp:TargetCode>
                <fssp:StatementDate><xsl:value-of select="$statement-date"/></fssp:StatementDate>
            </fssp:DataRequest>
        </fssp:EPGURequest>
    </xsl:template>

    <!-- fail here with a readable reason rather than later with a schema error on req.xml -->
    <xsl:template name="check-parameters">
        <xsl:if test="not(matches($order-number, '^[0-9]{1,20}$'))">
            <xsl:sequence select="error(xs:QName('gw:bad-order-id'),
                                'orderId must be the EPGU order number (digits), got '''
                                || $order-number || '''')"/>
        </xsl:if>
        <xsl:if test="not($environment = ('DEV', 'SVCDEV', 'PROD'))">
            <xsl:sequence select="error(xs:QName('gw:bad-environment'),
                                'epguEnv must be DEV, SVCDEV or PROD, got ''' || $environment || '''')"/>
        </xsl:if>
        <xsl:if test="not($request-time castable as xs:dateTime)
                      or not(matches($request-time, '(Z|[+\-][0-9]{2}:[0-9]{2})$'))">
            <xsl:sequence select="error(xs:QName('gw:bad-request-time'),
                                'requestDateTime must be an ISO date-time with offset, got '''
                                || $request-time || '''')"/>
        </xsl:if>
        <xsl:if test="not($statement-date castable as xs:date)
                      or not(matches($statement-date, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'))">
            <xsl:sequence select="error(xs:QName('gw:bad-statement-date'),
                                'statementDate must be YYYY-MM-DD, got ''' || $statement-date || '''')"/>
        </xsl:if>
        <xsl:if test="not(/in:IRequest)">
            <xsl:sequence select="error(xs:QName('gw:not-a-business-document'),
                                'input is not an IRequest of the FSSP incoming namespace')"/>
        </xsl:if>
    </xsl:template>

</xsl:stylesheet>
