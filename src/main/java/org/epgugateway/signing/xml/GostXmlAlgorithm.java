package org.epgugateway.signing.xml;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.epgugateway.signing.OrganisationCertificate;

/**
 * The GOST signature and digest algorithms of XMLDSig, with their URIs in both families and their BouncyCastle names.
 */
public enum GostXmlAlgorithm {

    GOST_2012_256(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256, "gostr34102012-gostr34112012-256",
            "gostr34112012-256", "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST3411-2012-256", 64, true),
    GOST_2012_512(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512, "gostr34102012-gostr34112012-512",
            "gostr34112012-512", "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST3411-2012-512", 128, true),
    /** GOST R 34.10-2001, withdrawn for new signatures since 2019: accepted on verification only. */
    GOST_2001(CryptoProObjectIdentifiers.gostR3410_2001, "gostr34102001-gostr3411", "gostr3411",
            "GOST3411WITHECGOST3410", "GOST3411", 64, false);

    private final ASN1ObjectIdentifier keyOid;
    private final String signatureSuffix;
    private final String digestSuffix;
    private final String signatureName;
    private final String digestName;
    private final int signatureLength;
    private final boolean signing;

    GostXmlAlgorithm(ASN1ObjectIdentifier keyOid, String signatureSuffix, String digestSuffix, String signatureName,
            String digestName, int signatureLength, boolean signing) {
        this.keyOid = keyOid;
        this.signatureSuffix = signatureSuffix;
        this.digestSuffix = digestSuffix;
        this.signatureName = signatureName;
        this.digestName = digestName;
        this.signatureLength = signatureLength;
        this.signing = signing;
    }

    /**
     * Picks the algorithm that signs with the certificate's key.
     *
     * @throws IllegalArgumentException when the key is not a GOST R 34.10-2012 key
     */
    public static GostXmlAlgorithm forSigning(X509Certificate certificate) {
        Optional<GostXmlAlgorithm> algorithm = forKey(certificate).filter(a -> a.signing);
        return algorithm.orElseThrow(() -> new IllegalArgumentException("The key of "
                + OrganisationCertificate.describe(certificate) + " has algorithm " + keyAlgorithm(certificate)
                + "; only GOST R 34.10-2012 keys (" + GOST_2012_256.keyOid + ", " + GOST_2012_512.keyOid
                + ") can sign"));
    }

    /** The algorithm whose key the certificate holds, or empty for a key that is not GOST. */
    static Optional<GostXmlAlgorithm> forKey(X509Certificate certificate) {
        ASN1ObjectIdentifier key = keyAlgorithm(certificate);
        for (GostXmlAlgorithm algorithm : values()) {
            if (algorithm.keyOid.equals(key)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm a SignatureMethod URI of either family names, or empty when it is not a GOST one. */
    public static Optional<GostXmlAlgorithm> forSignatureUri(String uri) {
        for (GostXmlAlgorithm algorithm : values()) {
            for (UriFamily family : UriFamily.values()) {
                if (algorithm.signatureUri(family).equals(uri)) {
                    return Optional.of(algorithm);
                }
            }
        }
        return Optional.empty();
    }

    /** The algorithm a DigestMethod URI of either family names, or empty when it is not a GOST one. */
    public static Optional<GostXmlAlgorithm> forDigestUri(String uri) {
        for (GostXmlAlgorithm algorithm : values()) {
            for (UriFamily family : UriFamily.values()) {
                if (algorithm.digestUri(family).equals(uri)) {
                    return Optional.of(algorithm);
                }
            }
        }
        return Optional.empty();
    }

    /** The SignatureMethod URI in the given family. */
    public String signatureUri(UriFamily family) {
        return family.uri(signatureSuffix);
    }

    /** The DigestMethod URI in the given family. */
    public String digestUri(UriFamily family) {
        return family.uri(digestSuffix);
    }

    /** The BouncyCastle name of the signature algorithm, digest included. */
    String signatureName() {
        return signatureName;
    }

    /** The BouncyCastle name of the digest. */
    String digestName() {
        return digestName;
    }

    /** Whether new signatures may be made with this algorithm. */
    boolean signs() {
        return signing;
    }

    /** The length in bytes of a signature value: s and r, each as long as the key's order. */
    int signatureLength() {
        return signatureLength;
    }

    private static ASN1ObjectIdentifier keyAlgorithm(X509Certificate certificate) {
        return SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm().getAlgorithm();
    }
}
