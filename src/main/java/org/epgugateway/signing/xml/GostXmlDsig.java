package org.epgugateway.signing.xml;

import java.util.List;

import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.transforms.Transform;
import org.apache.xml.security.utils.Constants;
import org.apache.xml.security.utils.ElementProxy;
import org.apache.xml.security.utils.XMLUtils;
import org.epgugateway.signing.GostProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches Apache Santuario the GOST algorithms and the SMEV transform, once per JVM.
 *
 * <p>Santuario's registries are global, so this runs once however many signers and verifiers are created, from any
 * thread. It registers, in both URI families, the GOST R 34.10-2012 (256 and 512) and, for verification, the
 * GOST R 34.10-2001 signature methods and their GOST R 34.11 digests, and the transform {@value SmevTransform#URI}.
 * It also makes {@code ds} the prefix of new signature elements, as SMEV's examples write it.
 */
public final class GostXmlDsig {

    /** The Santuario switch that keeps line breaks out of base64 values; read once, when Santuario loads. */
    public static final String IGNORE_LINE_BREAKS = "org.apache.xml.security.ignoreLineBreaks";

    private static final Logger LOG = LoggerFactory.getLogger(GostXmlDsig.class);

    // one SPI class per URI, because Santuario asks a class, not an instance, for its URI
    private static final List<Registration> SIGNATURE_METHODS = List.of(
            new Registration(GostSignatureSpi.Gost2012With256Urn.class, GostXmlAlgorithm.GOST_2012_256,
                    UriFamily.CPXMLSEC_URN),
            new Registration(GostSignatureSpi.Gost2012With256More.class, GostXmlAlgorithm.GOST_2012_256,
                    UriFamily.XMLDSIG_MORE),
            new Registration(GostSignatureSpi.Gost2012With512Urn.class, GostXmlAlgorithm.GOST_2012_512,
                    UriFamily.CPXMLSEC_URN),
            new Registration(GostSignatureSpi.Gost2012With512More.class, GostXmlAlgorithm.GOST_2012_512,
                    UriFamily.XMLDSIG_MORE),
            new Registration(GostSignatureSpi.Gost2001Urn.class, GostXmlAlgorithm.GOST_2001, UriFamily.CPXMLSEC_URN),
            new Registration(GostSignatureSpi.Gost2001More.class, GostXmlAlgorithm.GOST_2001, UriFamily.XMLDSIG_MORE));

    private static boolean registered;

    private GostXmlDsig() {
    }

    /**
     * Registers everything on the first call; later calls return at once.
     *
     * @throws IllegalStateException when Santuario was loaded before {@value #IGNORE_LINE_BREAKS} was set, so that
     *         its base64 values would carry line breaks (serialised as {@code &#13;}) that receivers reject
     */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        // effective only if no Santuario class has loaded yet; checked below either way
        if (System.getProperty(IGNORE_LINE_BREAKS) == null) {
            System.setProperty(IGNORE_LINE_BREAKS, "true");
        }
        if (!XMLUtils.isIgnoreLineBreaks()) {
            throw new IllegalStateException("Santuario was loaded without -D" + IGNORE_LINE_BREAKS + "=true, so its "
                    + "signatures would carry line breaks (&#13;) in base64 values; set the property before any "
                    + "XML security class loads (JVM option or the first line of main)");
        }
        GostProvider.install();
        Init.init();
        try {
            registerAlgorithms();
            Transform.register(SmevTransform.URI, SmevTransformSpi.class);
            ElementProxy.setDefaultPrefix(Constants.SignatureSpecNS, "ds");
        } catch (XMLSecurityException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot register the GOST algorithms with Santuario: " + e.getMessage(), e);
        }
        registered = true;
        LOG.debug("GOST XMLDSig algorithms and the SMEV transform registered with Santuario");
    }

    private static void registerAlgorithms() throws XMLSecurityException, ClassNotFoundException {
        for (Registration method : SIGNATURE_METHODS) {
            String uri = method.algorithm().signatureUri(method.family());
            JCEMapper.register(uri, new JCEMapper.Algorithm("", method.algorithm().signatureName(), "Signature"));
            SignatureAlgorithm.register(uri, method.spi());
        }
        for (GostXmlAlgorithm algorithm : GostXmlAlgorithm.values()) {
            for (UriFamily family : UriFamily.values()) {
                JCEMapper.register(algorithm.digestUri(family),
                        new JCEMapper.Algorithm("", algorithm.digestName(), "MessageDigest"));
            }
        }
    }

    private record Registration(Class<? extends GostSignatureSpi> spi, GostXmlAlgorithm algorithm, UriFamily family) {
    }
}
