package org.epgugateway.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GOST RFC 3161 time-stamping authority on loopback, for tests, the demo and offline development.
 *
 * <p>It answers {@code POST application/timestamp-query} on any path with tokens signed by its GOST R 34.10-2012 key,
 * carrying a signingCertificateV2 with a GOST hash and, when asked, its certificate. {@link Fault} makes it misbehave
 * in ways a client must notice.
 */
public final class TimestampAuthority implements AutoCloseable {

    /** The policy OID of the tokens; under the ITU-T example arc, so it can never be mistaken for a real policy. */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.999.3161.1");

    /** Ways to misbehave. */
    public enum Fault {
        /** Answer properly. */
        NONE,
        /** Refuse every request with status rejection. */
        REJECT,
        /** Answer with a token over another imprint than the one asked for. */
        WRONG_IMPRINT
    }

    private static final Logger LOG = LoggerFactory.getLogger(TimestampAuthority.class);
    private static final String SIGNATURE_ALGORITHM = "GOST3411-2012-256WITHECGOST3410-2012-256";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SigningKey key;
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());
    private volatile Fault fault = Fault.NONE;

    private TimestampAuthority(HttpServer server, ExecutorService executor, SigningKey key) {
        this.server = server;
        this.executor = executor;
        this.key = key;
    }

    /**
     * Starts the authority on 127.0.0.1 and a free port.
     *
     * @param key the TSA key; its certificate must carry the critical extended key usage timeStamping
     * @return the running authority; close it to stop
     */
    public static TimestampAuthority start(SigningKey key) {
        Objects.requireNonNull(key, "key");
        GostProvider.install();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "timestamp-authority");
                thread.setDaemon(true);
                return thread;
            });
            TimestampAuthority authority = new TimestampAuthority(server, executor, key);
            server.createContext("/", authority::handle);
            server.setExecutor(executor);
            server.start();
            LOG.info("Test time-stamping authority listening on {}", authority.url());
            return authority;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test time-stamping authority: " + e.getMessage(), e);
        }
    }

    /** The address to send requests to. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsp");
    }

    /** Makes the authority misbehave from the next request on, or behave again with {@link Fault#NONE}. */
    public void fault(Fault newFault) {
        this.fault = Objects.requireNonNull(newFault, "newFault");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readNBytes(64 * 1024);
            }
            byte[] reply = reply(request);
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private byte[] reply(byte[] encodedRequest) throws IOException {
        try {
            TimeStampRequest request = new TimeStampRequest(encodedRequest);
            TimeStampResponseGenerator generator = new TimeStampResponseGenerator(tokenGenerator(),
                    TSPAlgorithms.ALLOWED);
            BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
            Date now = new Date();
            TimeStampResponse response = switch (fault) {
                case REJECT -> generator.generateRejectedResponse(new TSPException("rejected by the test fault"));
                case WRONG_IMPRINT -> generator.generateGrantedResponse(otherImprint(request), serial, now);
                case NONE -> generator.generate(request, serial, now);
            };
            LOG.debug("Timestamp {} for {} ({})", serial, request.getMessageImprintAlgOID(), fault);
            return response.getEncoded();
        } catch (TSPException | OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("Cannot answer the timestamp request: " + e.getMessage(), e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator()
            throws OperatorCreationException, GeneralSecurityException, TSPException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME)
                .build();
        SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(digests).build(
                new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(GostProvider.NAME).build(
                        key.privateKey()), key.certificate());
        // a GOST digest for the certificate ID makes the token carry signingCertificateV2 rather than the SHA-1 form
        DigestCalculator certificateId = digests.get(
                new AlgorithmIdentifier(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256));
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signer, certificateId, POLICY);
        generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
        return generator;
    }

    private static TimeStampRequest otherImprint(TimeStampRequest request) throws IOException {
        byte[] imprint = request.getMessageImprintDigest().clone();
        imprint[0] ^= 1;
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(request.getCertReq());
        return generator.generate(request.getMessageImprintAlgOID(), imprint, request.getNonce());
    }
}
