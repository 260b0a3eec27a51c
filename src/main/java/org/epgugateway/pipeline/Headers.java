package org.epgugateway.pipeline;

import org.apache.camel.Exchange;

/**
 * Names of the message headers and exchange properties the routes and their beans share.
 */
public final class Headers {

    /** The store id of the drop an exchange works on. */
    public static final String DROP_ID = "GatewayDropId";
    /** The drop's state when the exchange claimed it, updated as steps move it on. */
    public static final String STATE = "GatewayState";
    /** Whether this instance holds the claim on the drop. */
    public static final String CLAIMED = "GatewayClaimed";
    /** Whether intake created a new drop (false: the same file was already in custody). */
    public static final String NEW_DROP = "GatewayNewDrop";
    /** The XSD a drop must pass. */
    public static final String DROP_SCHEMA = "GatewayDropSchema";
    /** Stylesheet and schema of the business document. */
    public static final String BUSINESS_XSLT = "GatewayBusinessXslt";
    public static final String BUSINESS_SCHEMA = "GatewayBusinessSchema";
    /** Stylesheet and schema of the transport document. */
    public static final String TRANSPORT_XSLT = "GatewayTransportXslt";
    public static final String TRANSPORT_SCHEMA = "GatewayTransportSchema";
    /** The outcome of a poll: {@code PENDING}, {@code ANSWERED} or {@code FINISHED}. */
    public static final String POLL_OUTCOME = "GatewayPollOutcome";

    /** The object type of the answer file, from the last segment of its {@code terrabyte://} link. */
    public static final String RESULT_OBJECT_TYPE = "GatewayResultObjectType";

    /** Exchange property: the road's step, for error reports. */
    public static final String STAGE = "GatewayStage";
    /** Exchange property: the business document built for upload. */
    public static final String BUSINESS_DOCUMENT = "GatewayBusinessDocument";

    /** Stylesheet parameters, passed as headers because Camel hands headers to XSLT as parameters. */
    public static final String ORDER_ID = "orderId";
    public static final String EPGU_ENV = "epguEnv";
    public static final String REQUEST_DATE_TIME = "requestDateTime";
    public static final String STATEMENT_DATE = "statementDate";

    private Headers() {
    }

    static long dropId(Exchange exchange) {
        Long id = exchange.getMessage().getHeader(DROP_ID, Long.class);
        if (id == null) {
            throw new IllegalStateException("No " + DROP_ID + " header: the route must claim a drop first");
        }
        return id;
    }

    static String stage(Exchange exchange) {
        String stage = exchange.getProperty(STAGE, String.class);
        return stage == null ? "intake" : stage;
    }
}
