package org.epgugateway.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.epgugateway.config.ServiceProfile;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.intake.Spool;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.OrderStore;
import org.epgugateway.validation.DropInspector;
import org.epgugateway.validation.DropInspector.InspectedDrop;
import org.epgugateway.validation.InvalidDropException;
import org.epgugateway.validation.SafeXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code validate} route: recognises the drop, hands its schema to the route's validator step,
 * then checks the organisation against the signing certificate and records the drop's identity so a duplicate is
 * never sent twice.
 */
public final class ValidationStep {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationStep.class);
    private static final String INSPECTED = "GatewayInspectedDrop";

    private final OrderStore store;
    private final Spool spool;
    private final DropInspector inspector;
    private final StatusPublisher status;
    private final String owner;
    private final String certificateOgrn;
    private final Duration duplicateWindow;

    /**
     * @param certificateOgrn the OGRN in the signing certificate; drops must be for this organisation
     * @param duplicateWindow how long an answered drop's identity keeps a second drop from being sent
     */
    public ValidationStep(OrderStore store, Spool spool, DropInspector inspector, StatusPublisher status,
            String owner, String certificateOgrn, Duration duplicateWindow) {
        this.store = store;
        this.spool = spool;
        this.inspector = inspector;
        this.status = status;
        this.owner = owner;
        this.certificateOgrn = certificateOgrn;
        this.duplicateWindow = duplicateWindow;
    }

    /**
     * Parses the drop safely and finds its service; leaves the drop, written out as UTF-8, as the body and its
     * schema in {@value Headers#DROP_SCHEMA}.
     */
    public void inspect(Exchange exchange) throws IOException {
        DropRecord drop = store.require(Headers.dropId(exchange));
        inspector.checkSize(drop.sizeBytes());
        byte[] bytes = Files.readAllBytes(spool.file(drop.spoolName()));
        InspectedDrop inspected = inspector.inspect(bytes);
        exchange.setProperty(INSPECTED, inspected);
        exchange.getMessage().setHeader(Headers.DROP_SCHEMA, inspected.profile().dropSchema().toString());
        exchange.getMessage().setBody(SafeXml.toUtf8(inspected.document()));
    }

    /**
     * Checks the organisation and the identity of a drop that passed its schema; moves it to {@code VALIDATED}, or
     * to {@code DUPLICATE} when a drop with the same identity is in flight or was answered within the window.
     */
    public void accept(Exchange exchange) {
        long id = Headers.dropId(exchange);
        InspectedDrop inspected = exchange.getProperty(INSPECTED, InspectedDrop.class);
        ServiceProfile profile = inspected.profile();
        ServiceProfile.BusinessKeyFields fields = profile.businessKey();
        String organisation = required(inspected, fields.organisation());
        if (!organisation.equals(certificateOgrn)) {
            throw new InvalidDropException("ORGANISATION_MISMATCH", fields.organisation() + " is " + organisation
                    + " but the signing certificate belongs to OGRN " + certificateOgrn
                    + "; the gateway sends applications only for the organisation whose key it holds");
        }
        String businessKey = String.join("|", profile.serviceCode(), required(inspected, fields.applicant()),
                organisation, required(inspected, fields.side()));

        DropRecord drop = store.require(id);
        Optional<Long> first = store.claimIdentity(businessKey + "|" + drop.contentSha256(), id, duplicateWindow);
        if (first.isPresent()) {
            store.markDuplicate(id, owner, first.get());
            DropRecord original = store.require(first.get());
            LOG.info("Drop {} is a duplicate of {} (order {}); not sent again", drop.folder(), original.folder(),
                    original.orderId());
            exchange.getMessage().setHeader(Headers.STATE, DropState.DUPLICATE.name());
            spool.discard(drop.spoolName());
        } else {
            store.markValidated(id, owner, profile.serviceCode(), businessKey);
            LOG.info("Drop {} validated for service {}", drop.folder(), profile.serviceCode());
            exchange.getMessage().setHeader(Headers.STATE, DropState.VALIDATED.name());
        }
        status.publish(id);
        exchange.removeProperty(INSPECTED);
    }

    private static String required(InspectedDrop drop, String field) {
        return DropInspector.field(drop, field).orElseThrow(() -> new InvalidDropException("MISSING_FIELD",
                "The drop has no " + field + ", which service " + drop.profile().serviceCode() + " requires"));
    }
}
