package org.epgugateway.epgu;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests to ESIA and EPGU with Apache HttpClient 5 (the engine of camel-http) and turns failures to get an
 * answer into {@link EpguTransientException}s. TLS certificates are verified against the JVM's or a configured
 * trust store; there is no switch to trust everything.
 */
final class EpguHttp implements AutoCloseable {

    /** Answers larger than this are not JSON EPGU would send; reading stops there. */
    private static final int MAX_TEXT_ANSWER = 4 * 1024 * 1024;

    private final CloseableHttpClient client;

    EpguHttp(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setMaxConnTotal(32)
                .setMaxConnPerRoute(16);
        if (sslContext != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext));
        }
        this.client = HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /**
     * Sends a request and reads a small answer into memory.
     *
     * @param what a short name of the call for messages, e.g. "reserve order"
     */
    HttpAnswer send(HttpUriRequestBase request, String what) {
        try {
            return client.execute(request, response -> new HttpAnswer(response.getCode(), header(response,
                    "Content-Type"), header(response, "Retry-After"), readBody(response.getEntity())));
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    /**
     * Sends a request and streams a successful answer into a file, refusing answers larger than the cap.
     *
     * @return the answer with an empty body on success (the bytes are in the file), or the full error answer
     */
    HttpAnswer download(HttpUriRequestBase request, String what, Path target, long maxBytes) {
        try {
            return client.execute(request, response -> {
                if (response.getCode() != 200) {
                    return new HttpAnswer(response.getCode(), header(response, "Content-Type"),
                            header(response, "Retry-After"), readBody(response.getEntity()));
                }
                copyCapped(response.getEntity(), target, maxBytes);
                return new HttpAnswer(200, header(response, "Content-Type"), null, new byte[0]);
            });
        } catch (DownloadTooLargeException e) {
            throw new EpguRejectedException("ANSWER_TOO_LARGE", 200, what + " refused: " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static EpguTransientException unreachable(String what, IOException e) {
        boolean timeout = e instanceof SocketTimeoutException || e instanceof InterruptedIOException;
        String code = timeout ? "TIMEOUT" : "CONNECTION";
        return new EpguTransientException(code, 0, what + " failed: " + (timeout ? "no answer in time" : e.getClass()
                .getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())), null, e);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static byte[] readBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in.readNBytes(MAX_TEXT_ANSWER);
        }
    }

    private static void copyCapped(HttpEntity entity, Path target, long maxBytes) throws IOException {
        if (entity == null) {
            throw new IOException("the answer has no body");
        }
        try (InputStream in = entity.getContent();
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new DownloadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** The answer file grew past the configured cap; stopping keeps disk and memory safe. */
    static final class DownloadTooLargeException extends IOException {
        DownloadTooLargeException(long maxBytes) {
            super("the answer is larger than the configured maximum of " + maxBytes + " bytes");
        }
    }
}
