package org.epgugateway.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A multipart/form-data request body as an HTTP client sends it to E2.
 */
final class MultipartBody {

    private final String boundary = "emulator-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    MultipartBody field(String name, String value) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value + "\r\n");
        return this;
    }

    MultipartBody json(String name, String json) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
        write("Content-Type: application/json\r\n\r\n");
        write(json + "\r\n");
        return this;
    }

    MultipartBody file(String name, String fileName, byte[] content) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
        write("Content-Type: application/octet-stream\r\n\r\n");
        bytes.writeBytes(content);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] toBytes() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(bytes.toByteArray());
        done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return done.toByteArray();
    }

    private void write(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
