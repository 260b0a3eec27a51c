<?xml version="1.0" encoding="UTF-8"?>
<!--
  Service 60010153: turns a drop into piev_epgu.xml, the business document to upload.
  The output is the drop unchanged except that ExternalKey carries the EPGU order number, which EPGU
  compares with the reserved order. Namespaces, prefixes, comments and whitespace are copied as they are.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:fssp="http://www.fssprus.ru/namespace/incoming/2019/1"
                xmlns:gw="urn:epgu-gateway:stylesheet"
                exclude-result-prefixes="xs fssp gw">

    <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="no" indent="no"/>

    <!-- EPGU order number; untyped because Camel may hand over a header of any Java type -->
    <xsl:param name="orderId" required="yes"/>

    <xsl:variable name="order-number" as="xs:string" select="normalize-space(string($orderId))"/>

    <xsl:mode on-no-match="shallow-copy"/>

    <xsl:template match="/">
        <!-- an order number that is not one would be rejected by EPGU only after the upload -->
        <xsl:if test="not(matches($order-number, '^[0-9]{1,20}$'))">
            <xsl:sequence select="error(xs:QName('gw:bad-order-id'),
                                'orderId must be the EPGU order number (digits), got '''
                                || $order-number || '''')"/>
        </xsl:if>
        <xsl:apply-templates/>
    </xsl:template>

    <xsl:template match="/fssp:IRequest/fssp:ExternalKey">
        <xsl:copy>
            <xsl:value-of select="$order-number"/>
        </xsl:copy>
    </xsl:template>

</xsl:stylesheet>
