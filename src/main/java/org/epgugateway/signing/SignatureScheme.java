package org.epgugateway.signing;

import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The signature algorithms the gateway can make, each picked from the public key of the signing certificate.
 *
 * <p>EPGU and SMEV accept only the two GOST R 34.10-2012 schemes. ECDSA P-256 with SHA-256 is there because it is
 * the key type that a software PKCS#11 token (SoftHSM2) offers, so the token path can be tested end to end.
 */
public enum SignatureScheme {

    GOST_2012_256("GOST R 34.10-2012 (256 bit) with GOST R 34.11-2012 (256 bit)",
            RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256,
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256,
            RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_256,
            "GOST3411-2012-256", "GOST3411-2012-256WITHECGOST3410-2012-256"),
    GOST_2012_512("GOST R 34.10-2012 (512 bit) with GOST R 34.11-2012 (512 bit)",
            RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512,
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512,
            RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_512,
            "GOST3411-2012-512", "GOST3411-2012-512WITHECGOST3410-2012-512"),
    ECDSA_P256_SHA256("ECDSA P-256 with SHA-256 (not accepted by EPGU)",
            X9ObjectIdentifiers.id_ecPublicKey, NISTObjectIdentifiers.id_sha256, X9ObjectIdentifiers.ecdsa_with_SHA256,
            "SHA-256", "SHA256withECDSA");

    private final String description;
    private final ASN1ObjectIdentifier keyOid;
    private final ASN1ObjectIdentifier digestOid;
    private final ASN1ObjectIdentifier signatureOid;
    private final String digestName;
    private final String signatureName;

    SignatureScheme(String description, ASN1ObjectIdentifier keyOid, ASN1ObjectIdentifier digestOid,
            ASN1ObjectIdentifier signatureOid, String digestName, String signatureName) {
        this.description = description;
        this.keyOid = keyOid;
        this.digestOid = digestOid;
        this.signatureOid = signatureOid;
        this.digestName = digestName;
        this.signatureName = signatureName;
    }

    /**
     * Picks the scheme from the certificate's public key, which works for keys that cannot be exported too.
     *
     * @return the scheme; never null
     * @throws IllegalArgumentException when the key is of a type the gateway cannot sign with
     */
    public static SignatureScheme of(X509Certificate certificate) {
        AlgorithmIdentifier key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                .getAlgorithm();
        for (SignatureScheme scheme : values()) {
            if (scheme.keyOid.equals(key.getAlgorithm()) && scheme.acceptsParameters(key)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("The key of " + OrganisationCertificate.describe(certificate)
                + " has algorithm " + key.getAlgorithm() + "; only GOST R 34.10-2012 keys (" + GOST_2012_256.keyOid
                + ", " + GOST_2012_512.keyOid + ") can sign, and ECDSA P-256 for testing a PKCS#11 token");
    }

    private boolean acceptsParameters(AlgorithmIdentifier key) {
        // an EC key is only usable here on the curve that the ECDSA scheme is named for
        return this != ECDSA_P256_SHA256 || SECObjectIdentifiers.secp256r1.equals(key.getParameters());
    }

    /** True for the GOST R 34.10-2012 schemes, the only ones EPGU accepts. */
    public boolean isGost() {
        return this != ECDSA_P256_SHA256;
    }

    /** A name for people, such as {@code GOST R 34.10-2012 (256 bit) with GOST R 34.11-2012 (256 bit)}. */
    public String description() {
        return description;
    }

    /** The OID of the digest that goes with the key. */
    public ASN1ObjectIdentifier digestOid() {
        return digestOid;
    }

    /** The OID of the signature algorithm, digest included. */
    public ASN1ObjectIdentifier signatureOid() {
        return signatureOid;
    }

    /** The JCA name of the digest, for provider {@link GostProvider#NAME}. */
    public String digestName() {
        return digestName;
    }

    /** The JCA name of the signature algorithm, digest included, for provider {@link GostProvider#NAME}. */
    public String signatureName() {
        return signatureName;
    }
}
