package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' own small client of the emulator, written from the contract with {@link HttpClient}.
 */
final class EmulatorClient {

    static final String ORDER_REQUEST = "{\"region\":\"45000000000\",\"serviceCode\":\"60010153\","
            + "\"targetCode\":\"-60010153\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EmulatorClient(URI base) {
        this(base, Duration.ofSeconds(30));
    }

    private EmulatorClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** A client of its own (no shared connections) that gives up on an answer after the timeout. */
    EmulatorClient withTimeout(Duration readTimeout) {
        return new EmulatorClient(base, readTimeout);
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** The ESIA token request with the signature parameter exactly as given (no further encoding). */
    HttpResponse<String> tokenRequest(String apiKey, String signatureParameter) throws IOException,
            InterruptedException {
        String query = signatureParameter == null ? "" : "?signature=" + signatureParameter;
        String path = "esia-rs/api/public/v1/orgs/ext-app/" + apiKey + "/tkn" + query;
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A token for the key, signed detached and sent URL-safe without padding, as the gateway does. */
    String token(UUID apiKey, GostPki.Signer signer) throws IOException, InterruptedException {
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signer.signDetached(apiKey.toString()));
        HttpResponse<String> response = tokenRequest(apiKey.toString(), signature);
        assertThat(response.statusCode()).as("token response %s", response.body()).isEqualTo(200);
        return json(response.body()).get("accessTkn").asText();
    }

    HttpResponse<String> reserveRequest(String token, String json) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(base.resolve("api/gusmev/order")), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    long reserve(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = reserveRequest(token, ORDER_REQUEST);
        assertThat(response.statusCode()).as("reserve response %s", response.body()).isEqualTo(200);
        return json(response.body()).get("orderId").asLong();
    }

    HttpResponse<String> push(String token, MultipartBody body) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(base.resolve("api/gusmev/push/chunked")), token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toBytes())));
    }

    /** A single-part upload of a whole archive, with meta, as the contract's sequence shows. */
    HttpResponse<String> pushWhole(String token, long orderId, byte[] zip) throws IOException, InterruptedException {
        return push(token, new MultipartBody()
                .json("meta", ORDER_REQUEST)
                .field("orderId", Long.toString(orderId))
                .file("file", "piev_epgu.zip", zip));
    }

    /** A part of a chunked upload. */
    HttpResponse<String> pushPart(String token, long orderId, int chunk, int chunks, byte[] bytes)
            throws IOException, InterruptedException {
        return push(token, new MultipartBody()
                .field("orderId", Long.toString(orderId))
                .field("chunk", Integer.toString(chunk))
                .field("chunks", Integer.toString(chunks))
                .file("file", String.format("piev_epgu.z%03d", chunk + 1), bytes));
    }

    HttpResponse<String> details(String token, long orderId) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(base.resolve("api/gusmev/order/" + orderId)), token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The decoded {@code order} string of E4. */
    JsonNode order(String token, long orderId) throws IOException, InterruptedException {
        HttpResponse<String> response = details(token, orderId);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(json(response.body()).get("order").asText());
    }

    HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery)), token).GET());
    }

    HttpResponse<byte[]> download(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery)), token).GET()
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
