package org.epgugateway.signing.xml;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.AlgorithmParameterSpec;

import org.apache.xml.security.algorithms.SignatureAlgorithmSpi;
import org.apache.xml.security.signature.XMLSignatureException;
import org.epgugateway.signing.GostProvider;

/**
 * Santuario's view of a GOST signature algorithm, computed by BouncyCastle.
 *
 * <p>Santuario asks each implementation for its URI without an instance, so every URI needs a class of its own: the
 * nested classes below, one per algorithm and URI family. The signature value passes through unchanged: BouncyCastle
 * writes s||r with big-endian halves, which is the XMLDSig layout, so nothing is reversed or DER-wrapped here.
 */
public abstract class GostSignatureSpi extends SignatureAlgorithmSpi {

    private final GostXmlAlgorithm algorithm;
    private final UriFamily family;
    private final Signature signature;

    GostSignatureSpi(GostXmlAlgorithm algorithm, UriFamily family, Provider provider) throws XMLSignatureException {
        this.algorithm = algorithm;
        this.family = family;
        try {
            // a provider handed in by a caller serves only if it knows GOST; BouncyCastle does
            this.signature = provider != null && provider.getService("Signature", algorithm.signatureName()) != null
                    ? Signature.getInstance(algorithm.signatureName(), provider)
                    : Signature.getInstance(algorithm.signatureName(), GostProvider.NAME);
        } catch (GeneralSecurityException e) {
            throw failure("No " + algorithm.signatureName() + " signature in the GOST provider: " + e.getMessage());
        }
    }

    @Override
    protected String engineGetURI() {
        return algorithm.signatureUri(family);
    }

    @Override
    protected String engineGetJCEAlgorithmString() {
        return signature.getAlgorithm();
    }

    @Override
    protected String engineGetJCEProviderName() {
        return signature.getProvider().getName();
    }

    @Override
    protected void engineUpdate(byte[] input) throws XMLSignatureException {
        engineUpdate(input, 0, input.length);
    }

    @Override
    protected void engineUpdate(byte input) throws XMLSignatureException {
        try {
            signature.update(input);
        } catch (SignatureException e) {
            throw failure(e.getMessage());
        }
    }

    @Override
    protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
        try {
            signature.update(buf, offset, len);
        } catch (SignatureException e) {
            throw failure(e.getMessage());
        }
    }

    @Override
    protected void engineInitSign(Key signingKey) throws XMLSignatureException {
        engineInitSign(signingKey, (SecureRandom) null);
    }

    @Override
    protected void engineInitSign(Key signingKey, SecureRandom secureRandom) throws XMLSignatureException {
        if (!algorithm.signs()) {
            throw failure(algorithm + " is accepted on verification only; new signatures need a 2012 key");
        }
        engineInitSign(signingKey, secureRandom, signature);
    }

    @Override
    protected void engineInitSign(Key signingKey, AlgorithmParameterSpec algorithmParameterSpec)
            throws XMLSignatureException {
        throw failure("GOST signatures take no algorithm parameters");
    }

    @Override
    protected byte[] engineSign() throws XMLSignatureException {
        try {
            return signature.sign();
        } catch (SignatureException e) {
            throw failure(e.getMessage());
        }
    }

    @Override
    protected void engineInitVerify(Key verificationKey) throws XMLSignatureException {
        engineInitVerify(verificationKey, signature);
    }

    @Override
    protected boolean engineVerify(byte[] signatureValue) throws XMLSignatureException {
        try {
            return signature.verify(signatureValue);
        } catch (SignatureException e) {
            // BouncyCastle refuses a value of the wrong length this way rather than answering false
            throw failure("Malformed " + algorithm + " signature value of " + signatureValue.length + " bytes: "
                    + e.getMessage());
        }
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws XMLSignatureException {
        throw failure("GOST signatures take no algorithm parameters");
    }

    @Override
    protected void engineSetHMACOutputLength(int hmacOutputLength) throws XMLSignatureException {
        throw failure("HMACOutputLength belongs to MAC algorithms, not to GOST signatures");
    }

    private static XMLSignatureException failure(String message) {
        return new XMLSignatureException("empty", new Object[] {message});
    }

    /** GOST R 34.10-2012 with a 256-bit key, {@code urn:} URI. */
    public static final class Gost2012With256Urn extends GostSignatureSpi {
        public Gost2012With256Urn() throws XMLSignatureException {
            this(null);
        }

        public Gost2012With256Urn(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2012_256, UriFamily.CPXMLSEC_URN, provider);
        }
    }

    /** GOST R 34.10-2012 with a 256-bit key, {@code xmldsig-more#} URI. */
    public static final class Gost2012With256More extends GostSignatureSpi {
        public Gost2012With256More() throws XMLSignatureException {
            this(null);
        }

        public Gost2012With256More(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2012_256, UriFamily.XMLDSIG_MORE, provider);
        }
    }

    /** GOST R 34.10-2012 with a 512-bit key, {@code urn:} URI. */
    public static final class Gost2012With512Urn extends GostSignatureSpi {
        public Gost2012With512Urn() throws XMLSignatureException {
            this(null);
        }

        public Gost2012With512Urn(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2012_512, UriFamily.CPXMLSEC_URN, provider);
        }
    }

    /** GOST R 34.10-2012 with a 512-bit key, {@code xmldsig-more#} URI. */
    public static final class Gost2012With512More extends GostSignatureSpi {
        public Gost2012With512More() throws XMLSignatureException {
            this(null);
        }

        public Gost2012With512More(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2012_512, UriFamily.XMLDSIG_MORE, provider);
        }
    }

    /** GOST R 34.10-2001, {@code urn:} URI; verification only. */
    public static final class Gost2001Urn extends GostSignatureSpi {
        public Gost2001Urn() throws XMLSignatureException {
            this(null);
        }

        public Gost2001Urn(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2001, UriFamily.CPXMLSEC_URN, provider);
        }
    }

    /** GOST R 34.10-2001, {@code xmldsig-more#} URI; verification only. */
    public static final class Gost2001More extends GostSignatureSpi {
        public Gost2001More() throws XMLSignatureException {
            this(null);
        }

        public Gost2001More(Provider provider) throws XMLSignatureException {
            super(GostXmlAlgorithm.GOST_2001, UriFamily.XMLDSIG_MORE, provider);
        }
    }
}
