package org.epgugateway.signing.pkcs11;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.epgugateway.signing.Certificates;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.KeyHandle;
import org.epgugateway.signing.KeySourceException;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SignatureScheme;
import org.epgugateway.signing.SigningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private key on a PKCS#11 token, with its certificate, that signs without ever leaving the token.
 *
 * <p>The digest is computed here with BouncyCastle and only the digest goes to the token ({@code CKM_ECDSA},
 * {@code CKM_GOSTR3410}, {@code CKM_GOSTR3410_512}). Every signature is checked against the certificate's public key
 * before it is handed out, so a token that orders the signature bytes differently fails loudly, not at the receiver.
 * A session lost to a removed and re-inserted token is opened again once per signature. Thread-safe.
 */
// Limitation: GOST R 34.10-2012 on a hardware token (CKM_GOSTR3410, CKM_GOSTR3410_512) is written to the TC 26
// PKCS#11 extension but not tested: no GOST token is at hand, and SoftHSM2 has no GOST R 34.10-2012 keys. The
// digest is passed as BouncyCastle computes it and the result taken as s || r; the check against the certificate
// key above stops a token that differs.
public final class Pkcs11Key implements KeyHandle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Key.class);
    private static final Set<Long> LOST_SESSION = Set.of(0x32L, 0xB0L, 0xB3L, 0xE0L, 0x101L);

    private final Pkcs11KeySource source;
    private final Pkcs11Module module;
    private final long slot;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final SignatureScheme scheme;
    private long session;
    private long key;
    private boolean closed;

    private Pkcs11Key(Pkcs11KeySource source, Pkcs11Module module, long slot, long session, long key,
            List<X509Certificate> chain) {
        this.source = source;
        this.module = module;
        this.slot = slot;
        this.session = session;
        this.key = key;
        this.chain = List.copyOf(chain);
        this.certificate = chain.get(0);
        this.scheme = SignatureScheme.of(certificate);
    }

    static Pkcs11Key open(Pkcs11KeySource source) {
        GostProvider.install();
        Pkcs11Module module = Pkcs11Module.open(source.library());
        try {
            long slot = slot(module, source);
            long session = module.openSession(slot, false);
            try {
                module.login(session, source.pinBytes());
                long key = privateKey(module, session, source);
                List<X509Certificate> chain = chain(module, session, key, source);
                Pkcs11Key opened = new Pkcs11Key(source, module, slot, session, key, chain);
                opened.checkKeyType(module.attribute(session, key, Pkcs11Module.CKA_KEY_TYPE));
                LOG.info("Signing key on {} for {}", source, OrganisationCertificate.describe(opened.certificate));
                return opened;
            } catch (RuntimeException e) {
                module.closeSession(session);
                throw e;
            }
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public SignatureScheme scheme() {
        return scheme;
    }

    @Override
    public synchronized byte[] sign(byte[] data) {
        if (closed) {
            throw new SigningException("The PKCS#11 key on " + source + " is closed");
        }
        byte[] digest = digest(data);
        byte[] raw;
        try {
            raw = module.sign(session, key, mechanism(), digest);
        } catch (Pkcs11Exception e) {
            if (!LOST_SESSION.contains(e.code())) {
                throw new SigningException("The token refused to sign (" + source + "): " + e.getMessage(), e);
            }
            LOG.warn("The session with {} was lost ({}); opening a new one", source, e.getMessage());
            reconnect();
            raw = module.sign(session, key, mechanism(), digest);
        }
        byte[] signature = scheme == SignatureScheme.ECDSA_P256_SHA256 ? derEcdsa(raw) : raw;
        requireVerifies(data, signature);
        return signature;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        module.logout(session);
        module.closeSession(session);
        module.close();
    }

    @Override
    public String toString() {
        return "Pkcs11Key[" + source + ", " + OrganisationCertificate.describe(certificate) + "]";
    }

    private static long slot(Pkcs11Module module, Pkcs11KeySource source) {
        List<Long> slots = module.slotsWithTokens();
        if (source.slot() != null) {
            if (!slots.contains(source.slot())) {
                throw new KeySourceException("No token in slot " + source.slot() + " of " + source.library()
                        + "; slots with a token: " + slots);
            }
            return source.slot();
        }
        List<String> labels = new ArrayList<>();
        List<Long> initialised = new ArrayList<>();
        for (long slot : slots) {
            String label = module.tokenLabel(slot);
            if (label == null) {
                continue; // an empty token holds no key; SoftHSM2 always offers one
            }
            if (label.equals(source.tokenLabel())) {
                return slot;
            }
            labels.add(label);
            initialised.add(slot);
        }
        if (source.tokenLabel() != null) {
            throw new KeySourceException("No token labelled '" + source.tokenLabel() + "' in " + source.library()
                    + "; tokens present: " + labels);
        }
        if (initialised.size() != 1) {
            throw new KeySourceException((initialised.isEmpty() ? "No token" : initialised.size() + " tokens "
                    + labels) + " present in " + source.library() + ": name the one to use by its label");
        }
        return initialised.get(0);
    }

    private static long privateKey(Pkcs11Module module, long session, Pkcs11KeySource source) {
        Template template = new Template().ulong(Pkcs11Module.CKA_CLASS, Pkcs11Module.CKO_PRIVATE_KEY);
        if (source.keyLabel() != null) {
            template.bytes(Pkcs11Module.CKA_LABEL, source.keyLabel().getBytes(StandardCharsets.UTF_8));
        }
        if (source.keyId() != null) {
            template.bytes(Pkcs11Module.CKA_ID, source.keyId());
        }
        List<Long> keys = module.find(session, template);
        if (keys.size() == 1) {
            return keys.get(0);
        }
        List<String> labels = new ArrayList<>();
        for (long handle : module.find(session,
                new Template().ulong(Pkcs11Module.CKA_CLASS, Pkcs11Module.CKO_PRIVATE_KEY))) {
            byte[] label = module.attribute(session, handle, Pkcs11Module.CKA_LABEL);
            labels.add(label == null ? "(no label)" : new String(label, StandardCharsets.UTF_8));
        }
        throw new KeySourceException((keys.isEmpty() ? "No private key" : keys.size() + " private keys")
                + " matching " + source + " after login; private keys on the token: " + labels
                + (keys.isEmpty() ? "" : ". Name the key by its label or id"));
    }

    private static List<X509Certificate> chain(Pkcs11Module module, long session, long key,
            Pkcs11KeySource source) {
        if (source.certificateFile() != null) {
            List<X509Certificate> chain = Certificates.read(source.certificateFile());
            if (chain.isEmpty()) {
                throw new KeySourceException("Certificate file " + source.certificateFile() + " holds no certificate");
            }
            return chain;
        }
        byte[] id = module.attribute(session, key, Pkcs11Module.CKA_ID);
        if (id != null && id.length > 0) {
            for (long handle : module.find(session, new Template()
                    .ulong(Pkcs11Module.CKA_CLASS, Pkcs11Module.CKO_CERTIFICATE)
                    .bytes(Pkcs11Module.CKA_ID, id))) {
                byte[] value = module.attribute(session, handle, Pkcs11Module.CKA_VALUE);
                if (value != null) {
                    return List.of(parse(value, source));
                }
            }
        }
        throw new KeySourceException("No certificate with the key's CKA_ID on the token (" + source
                + "): give the certificate in a file (signing.certificate-file)");
    }

    private static X509Certificate parse(byte[] der, Pkcs11KeySource source) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", GostProvider.NAME)
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("The certificate on the token (" + source + ") cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private void checkKeyType(byte[] type) {
        if (type == null) {
            return; // a token that hides the key type still gets the check of every signature
        }
        long value = Template.readULong(type);
        long expected = switch (scheme) {
            case ECDSA_P256_SHA256 -> Pkcs11Module.CKK_EC;
            case GOST_2012_256 -> Pkcs11Module.CKK_GOSTR3410;
            case GOST_2012_512 -> Pkcs11Module.CKK_GOSTR3410_512;
        };
        if (value != expected) {
            close();
            throw new KeySourceException("The key on the token (" + source + ") is of type 0x" + Long.toHexString(value)
                    + ", but the certificate " + OrganisationCertificate.describe(certificate) + " is for "
                    + scheme.description());
        }
    }

    private long mechanism() {
        return switch (scheme) {
            case ECDSA_P256_SHA256 -> Pkcs11Module.CKM_ECDSA;
            case GOST_2012_256 -> Pkcs11Module.CKM_GOSTR3410;
            case GOST_2012_512 -> Pkcs11Module.CKM_GOSTR3410_512;
        };
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(scheme.digestName(), GostProvider.NAME).digest(data);
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot digest with " + scheme.digestName() + ": " + e.getMessage(), e);
        }
    }

    private void reconnect() {
        module.closeSession(session);
        session = module.openSession(slot, false);
        module.login(session, source.pinBytes());
        key = privateKey(module, session, source);
    }

    private void requireVerifies(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(scheme.signatureName(), GostProvider.NAME);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new SigningException("The token's signature cannot be checked (" + source + "): " + e.getMessage(),
                    e);
        }
        throw new SigningException("The token's signature does not verify with the key of "
                + OrganisationCertificate.describe(certificate) + " (" + source + "): the key and the certificate do "
                + "not belong together, or the token orders the signature bytes differently");
    }

    private static byte[] derEcdsa(byte[] raw) {
        int half = raw.length / 2;
        ASN1EncodableVector parts = new ASN1EncodableVector();
        parts.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, half))));
        parts.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))));
        try {
            return new DERSequence(parts).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new SigningException("Cannot encode the ECDSA signature: " + e.getMessage(), e);
        }
    }
}
