package org.epgugateway.emulator;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/**
 * GOST R 34.10/34.11-2012 names and OIDs, and the BouncyCastle provider the emulator uses without registering it
 * globally (the gateway in the same JVM manages its own providers).
 */
final class Gost {

    static final Provider PROVIDER = new BouncyCastleProvider();

    /** Digests ESIA accepts: GOST R 34.11-2012 with 256 and 512 bits. */
    static final Set<String> DIGESTS = Set.of(
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256.getId(),
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512.getId());

    /** Signature algorithms ESIA accepts: the 2012 key OIDs (RFC 4490 style) and the signature-with-digest OIDs. */
    static final Set<String> SIGNATURES = Set.of(
            RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256.getId(),
            RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512.getId(),
            RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_256.getId(),
            RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_512.getId());

    /** OGRN, the state registration number of an organisation, as a subject attribute of a certificate. */
    static final ASN1ObjectIdentifier OGRN = new ASN1ObjectIdentifier("1.2.643.100.1");

    private static final String KEY_ALGORITHM = "ECGOST3410-2012";
    private static final String CURVE = "Tc26-Gost-3410-12-256-paramSetA";
    private static final String SIGNATURE_ALGORITHM = "GOST3411-2012-256WITHECGOST3410-2012-256";

    private Gost() {
    }

    /** A fresh GOST R 34.10-2012 256-bit key pair. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM, PROVIDER);
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate a GOST key", e);
        }
    }

    /** Signs with GOST R 34.10-2012 over a GOST R 34.11-2012 256-bit digest. */
    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM, PROVIDER);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot sign with GOST", e);
        }
    }
}
