package org.epgugateway.signing;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Makes CAdES-T signatures: the CAdES-BES signature of another {@link Signer} with an RFC 3161 timestamp over its
 * signature value, added as the unsigned signatureTimeStampToken attribute.
 *
 * <p>The timestamp proves the signature existed before that time, so it stays verifiable after the signer's
 * certificate expires or is revoked. Works over any signer, the external command included. Instances are thread-safe.
 */
public final class TimestampingSigner implements Signer {

    private final Signer signer;
    private final TimestampClient authority;

    public TimestampingSigner(Signer signer, TimestampClient authority) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    @Override
    public byte[] signDetached(byte[] content) {
        return withTimestamp(signer.signDetached(content));
    }

    @Override
    public byte[] signDetached(InputStream content) {
        return withTimestamp(signer.signDetached(content));
    }

    @Override
    public X509Certificate certificate() {
        return signer.certificate();
    }

    /**
     * Adds a signature timestamp to each signer of a CMS signature.
     *
     * @param signature a DER-encoded CMS SignedData, typically CAdES-BES
     * @return the DER-encoded CMS SignedData with the timestamps; never null
     * @throws SigningException when the signature cannot be read or the TSA gives no usable timestamp
     */
    public byte[] withTimestamp(byte[] signature) {
        try {
            CMSSignedData signed = new CMSSignedData(signature);
            List<SignerInformation> stamped = signed.getSignerInfos().getSigners().stream()
                    .map(this::stamp)
                    .toList();
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped))
                    .getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new SigningException("Cannot add a timestamp to the signature: " + e.getMessage(), e);
        }
    }

    private SignerInformation stamp(SignerInformation signer) {
        TimeStampToken token = authority.timestamp(signer.getSignature());
        AttributeTable unsigned = signer.getUnsignedAttributes() == null
                ? new AttributeTable(new DERSet()) : signer.getUnsignedAttributes();
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(token.toCMSSignedData().toASN1Structure()));
        // a signature timestamped again carries the newest timestamp only
        return SignerInformation.replaceUnsignedAttributes(signer,
                unsigned.remove(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).add(
                        attribute.getAttrType(), attribute.getAttrValues().getObjectAt(0)));
    }
}
