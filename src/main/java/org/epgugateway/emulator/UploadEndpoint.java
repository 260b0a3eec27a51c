package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * E2 {@code POST /api/gusmev/push/chunked}: takes the parts of an order's archive, and after the last one runs the
 * gu-smev checks and sends the order.
 */
final class UploadEndpoint implements EndpointAction {

    private static final Logger LOG = LoggerFactory.getLogger(UploadEndpoint.class);
    private static final String MULTIPART = "multipart/form-data";

    private final OrderRegistry registry;
    private final ArchiveInspector inspector;
    private final OrderSubmitter submitter;
    private final EmulatorJournal journal;
    private final Path workFolder;
    private final Duration window;
    private final Clock clock;
    private final OrderScript script;
    private final MultiPartConfig multipart;

    /**
     * @param script answers scripted for single orders, which replace the endpoint's own
     */
    UploadEndpoint(OrderRegistry registry, ArchiveInspector inspector, OrderSubmitter submitter,
                   EmulatorJournal journal, Path workFolder, Duration window, Clock clock, OrderScript script) {
        this.registry = registry;
        this.inspector = inspector;
        this.submitter = submitter;
        this.journal = journal;
        this.workFolder = workFolder;
        this.window = window;
        this.clock = clock;
        this.script = script;
        this.multipart = new MultiPartConfig.Builder()
                .location(workFolder.resolve("incoming"))
                .maxParts(16)
                .maxPartSize(ChunkAssembly.MAX_PART)
                .maxSize(ChunkAssembly.MAX_PART + 1_000_000L)
                .maxMemoryPartSize(256 * 1024)
                .useFilesForPartsWithoutFileName(true)
                .build();
    }

    @Override
    public HttpReply handle(EmulatorRequest request) throws IOException {
        String contentType = request.header(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MULTIPART)) {
            throw ApiException.badRequest("the request must be " + MULTIPART);
        }
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(request.jetty(), request.jetty(), contentType, multipart);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ApiException.badRequest("the multipart body cannot be read: " + cause.getMessage());
        }
        try (parts) {
            return receive(request.grant(), parts);
        }
    }

    private HttpReply receive(TokenGrant grant, MultiPartFormData.Parts parts) throws IOException {
        Instant now = clock.instant();
        long orderId = orderIdOf(parts);
        Integer chunk = whole(parts, "chunk");
        Integer chunks = whole(parts, "chunks");
        MultiPart.Part file = parts.getFirst("file");
        long size = file == null ? 0 : file.getLength();
        Order order = registry.find(orderId)
                .orElseThrow(() -> new ApiException(404, "not_found", "Заявление " + orderId + " не найдено"));
        Optional<HttpReply> scripted = script.answerFor(Endpoint.PUSH_CHUNKED, orderId);
        if (scripted.isPresent()) {
            journal.recordPart(orderId, new EmulatorJournal.Part(chunk, chunks, size, now, scripted.get().status(),
                    "answered by fault injection"));
            return scripted.get();
        }
        try {
            checkMeta(parts.getFirst("meta"));
            if (file == null) {
                throw ApiException.badRequest("the file part is required");
            }
            if (!order.subject().equals(grant.subject())) {
                throw ApiException.orderAccess();
            }
            HttpReply reply;
            synchronized (order) {
                reply = receivePart(order, grant, chunk, chunks, file, now);
            }
            return reply;
        } catch (ApiException e) {
            journal.recordPart(orderId, new EmulatorJournal.Part(chunk, chunks, size, now, e.status(),
                    e.getMessage()));
            throw e;
        }
    }

    private HttpReply receivePart(Order order, TokenGrant grant, Integer chunk, Integer chunks, MultiPart.Part file,
                                  Instant now) throws IOException {
        switch (order.upload()) {
            case SENT -> throw ApiException.badRequest("order " + order.id() + " was already sent");
            case EXPIRED -> throw ApiException.badRequest("chunk upload window expired");
            default -> {
                // parts are still welcome
            }
        }
        // Limitation: parts of an upload whose window closed stay on disk until the next part for the order
        // arrives or the emulator stops
        ChunkAssembly assembly = order.assembly(() -> new ChunkAssembly(workFolder.resolve("order-" + order.id()),
                window));
        if (assembly.windowClosed(now)) {
            order.expire();
            LOG.warn("EPGU discarded the partial upload of order {}: the {} window closed", order.id(), window);
            throw ApiException.badRequest("chunk upload window expired");
        }
        ChunkAssembly.Accepted accepted = assembly.accept(chunk, chunks, file.getLength(), file::writeTo, now);
        String note = null;
        if (accepted.oneBased()) {
            note = "1-based chunk numbering accepted; the contract counts chunks from 0";
            journal.recordWarning(order.id(), note);
        } else if (accepted.replaced()) {
            note = "replaced an earlier copy of this part";
        }
        int status = accepted.complete() ? 200 : 206;
        journal.recordPart(order.id(), new EmulatorJournal.Part(chunk, chunks, file.getLength(), now, status, note));
        if (accepted.complete()) {
            send(order, grant, assembly, now);
        }
        ObjectNode reply = Json.object();
        reply.put("orderId", order.id());
        return HttpReply.json(status, reply);
    }

    private void send(Order order, TokenGrant grant, ChunkAssembly assembly, Instant now) throws IOException {
        Inspection inspection;
        try (InputStream archive = assembly.archive()) {
            inspection = inspector.inspect(archive, order.id(), grant.ogrn());
        }
        order.send(submitter.submit(order, inspection, now));
        ApplicationFacts facts = inspection.facts();
        journal.recordUpload(order.id(), facts == null ? null : facts.businessKey(), inspection.code());
        if (inspection.passed()) {
            LOG.info("EPGU received order {} and sent it on (gu-smev DONE)", order.id());
        } else {
            // the message may quote applicant data, so it goes to DEBUG only
            LOG.info("EPGU received order {}; gu-smev refused it with {}", order.id(), inspection.code());
            LOG.debug("Order {} refused by gu-smev: {}", order.id(), inspection.message());
        }
    }

    private static long orderIdOf(MultiPartFormData.Parts parts) {
        String text = text(parts.getFirst("orderId"));
        if (text == null || !text.matches("\\d{1,18}")) {
            throw ApiException.badRequest("orderId is required and must be an order number");
        }
        return Long.parseLong(text);
    }

    private static Integer whole(MultiPartFormData.Parts parts, String name) {
        String text = text(parts.getFirst(name));
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + text + "'");
        }
    }

    /** The contract disagrees on whether meta is sent; when it is, it must name this service. */
    private static void checkMeta(MultiPart.Part meta) {
        if (meta == null) {
            return;
        }
        JsonNode json;
        try {
            json = Json.read(meta.getContentAsString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.badRequest("meta is not JSON");
        }
        if (json == null || !json.isObject()
                || !OrderDocument.SERVICE_CODE.equals(json.path("serviceCode").asText(null))
                || !OrderDocument.TARGET_CODE.equals(json.path("targetCode").asText(null))) {
            throw ApiException.badRequest("meta must name serviceCode " + OrderDocument.SERVICE_CODE
                    + " and targetCode " + OrderDocument.TARGET_CODE);
        }
    }

    private static String text(MultiPart.Part part) {
        return part == null ? null : part.getContentAsString(StandardCharsets.UTF_8).trim();
    }
}
