package org.epgugateway.signing;

import java.util.LinkedHashSet;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;

/**
 * Reads, without the password, how a PKCS#12 file protects its private keys, so that a file no open library can
 * read is reported by the name of its protection rather than by a cryptic exception.
 */
final class Pkcs12Wrapping {

    /**
     * CryptoPro CSP's proprietary key-export wrapping ("pbeUnknownGost"): a PKCS#12 PBE identifier that no standard
     * defines and that neither BouncyCastle nor OpenSSL implement.
     */
    static final ASN1ObjectIdentifier CRYPTOPRO_KEY_EXPORT = new ASN1ObjectIdentifier("1.2.840.113549.1.12.1.80");

    private Pkcs12Wrapping() {
    }

    /**
     * The encryption algorithms of the shrouded key bags in the file's unencrypted safe contents, in file order.
     *
     * @return the algorithm OIDs; empty when the file is not PKCS#12 or keeps its key bags in encrypted contents
     */
    static Set<ASN1ObjectIdentifier> keyBagAlgorithms(byte[] file) {
        Set<ASN1ObjectIdentifier> algorithms = new LinkedHashSet<>();
        try {
            ContentInfo authSafe = Pfx.getInstance(ASN1Primitive.fromByteArray(file)).getAuthSafe();
            if (!PKCSObjectIdentifiers.data.equals(authSafe.getContentType())) {
                return algorithms; // signed (public-key integrity mode) files are not inspected
            }
            AuthenticatedSafe safe = AuthenticatedSafe.getInstance(
                    ASN1OctetString.getInstance(authSafe.getContent()).getOctets());
            for (ContentInfo part : safe.getContentInfo()) {
                if (PKCSObjectIdentifiers.data.equals(part.getContentType())) {
                    collect(ASN1OctetString.getInstance(part.getContent()).getOctets(), algorithms);
                }
            }
        } catch (Exception e) {
            // a damaged or foreign file has no wrapping to report: the caller's own error stands
        }
        return algorithms;
    }

    private static void collect(byte[] safeContents, Set<ASN1ObjectIdentifier> algorithms) throws Exception {
        for (ASN1Encodable element : ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(safeContents))) {
            SafeBag bag = SafeBag.getInstance(element);
            if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(bag.getBagId())) {
                algorithms.add(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue()).getEncryptionAlgorithm()
                        .getAlgorithm());
            }
        }
    }
}
