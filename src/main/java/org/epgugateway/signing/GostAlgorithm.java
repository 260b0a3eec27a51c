package org.epgugateway.signing;

import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The two GOST R 34.10-2012 key sizes with the GOST R 34.11-2012 digest and signature algorithm that go with each.
 */
enum GostAlgorithm {

    GOST_2012_256(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256,
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256,
            "GOST3411-2012-256", "GOST3411-2012-256WITHECGOST3410-2012-256"),
    GOST_2012_512(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512,
            RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512,
            "GOST3411-2012-512", "GOST3411-2012-512WITHECGOST3410-2012-512");

    private final ASN1ObjectIdentifier keyOid;
    private final ASN1ObjectIdentifier digestOid;
    private final String digestName;
    private final String signatureName;

    GostAlgorithm(ASN1ObjectIdentifier keyOid, ASN1ObjectIdentifier digestOid, String digestName,
            String signatureName) {
        this.keyOid = keyOid;
        this.digestOid = digestOid;
        this.digestName = digestName;
        this.signatureName = signatureName;
    }

    /**
     * Picks the algorithm from the certificate's public key, which works for keys that cannot be exported too.
     *
     * @throws IllegalArgumentException when the key is not a GOST R 34.10-2012 key
     */
    static GostAlgorithm of(X509Certificate certificate) {
        ASN1ObjectIdentifier key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())
                .getAlgorithm().getAlgorithm();
        for (GostAlgorithm algorithm : values()) {
            if (algorithm.keyOid.equals(key)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("The key of " + OrganisationCertificate.describe(certificate)
                + " has algorithm " + key + "; only GOST R 34.10-2012 keys (" + GOST_2012_256.keyOid + ", "
                + GOST_2012_512.keyOid + ") can sign");
    }

    ASN1ObjectIdentifier digestOid() {
        return digestOid;
    }

    /** The JCA name of the GOST R 34.11-2012 digest of this size. */
    String digestName() {
        return digestName;
    }

    /** The JCA name of the signature algorithm, digest included. */
    String signatureName() {
        return signatureName;
    }
}
