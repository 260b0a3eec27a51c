package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.SigningKey;

/**
 * A GOST OCSP responder on loopback for tests: answers for the serial numbers it is told about, GOOD unless
 * revoked, UNKNOWN for the rest, signed by a delegated responder key.
 */
public final class TestOcspResponder implements AutoCloseable {

    private final HttpServer server;
    private final SigningKey responder;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<BigInteger, Boolean> known = new ConcurrentHashMap<>();

    private TestOcspResponder(HttpServer server, SigningKey responder) {
        this.server = server;
        this.responder = responder;
    }

    /** Starts on 127.0.0.1 and a free port; the key's certificate must carry extended key usage OCSPSigning. */
    public static TestOcspResponder start(SigningKey responder) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        TestOcspResponder ocsp = new TestOcspResponder(server, responder);
        server.createContext("/", ocsp::handle);
        server.start();
        return ocsp;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** Answers GOOD for the serial from now on. */
    public void good(BigInteger serial) {
        known.put(serial, true);
        revoked.remove(serial);
    }

    /** Answers REVOKED (key compromise) at the given time for the serial from now on. */
    public void revoke(BigInteger serial, Instant when) {
        known.put(serial, true);
        revoked.put(serial, when);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            byte[] reply = answer(new OCSPReq(request));
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private byte[] answer(OCSPReq request) throws Exception {
        X509CertificateHolder certificate = new JcaX509CertificateHolder(responder.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(
                responder.certificate().getSubjectX500Principal().getEncoded())));
        Date now = new Date();
        for (Req single : request.getRequestList()) {
            BigInteger serial = single.getCertID().getSerialNumber();
            CertificateStatus status = !known.containsKey(serial) ? new UnknownStatus()
                    : revoked.containsKey(serial)
                    ? new RevokedStatus(Date.from(revoked.get(serial)), CRLReason.keyCompromise)
                    : CertificateStatus.GOOD;
            builder.addResponse(single.getCertID(), status, now, new Date(now.getTime() + 3_600_000L), null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                new JcaContentSignerBuilder("GOST3411-2012-256WITHECGOST3410-2012-256").setProvider(GostProvider.NAME)
                        .build(responder.privateKey()), new X509CertificateHolder[] {certificate}, now)).getEncoded();
    }
}
