package org.epgugateway.signing.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.TransformSpi;
import org.apache.xml.security.transforms.TransformationException;
import org.w3c.dom.Element;

/**
 * Makes {@link SmevTransform} available to Santuario as the transform {@value SmevTransform#URI}.
 *
 * <p>Santuario keeps one instance for all threads; this class holds no state.
 */
public final class SmevTransformSpi extends TransformSpi {

    @Override
    protected String engineGetURI() {
        return SmevTransform.URI;
    }

    @Override
    protected XMLSignatureInput enginePerformTransform(XMLSignatureInput input, OutputStream os,
            Element transformElement, String baseURI, boolean secureValidation)
            throws IOException, CanonicalizationException, TransformationException {
        // a node set (the transform listed first) is serialised by Santuario with inclusive c14n before it gets here
        byte[] xml = input.getBytes();
        OutputStream target = os == null ? new ByteArrayOutputStream(xml.length) : os;
        try (InputStream in = new ByteArrayInputStream(xml)) {
            SmevTransform.transform(in, target);
        } catch (IllegalArgumentException e) {
            throw new TransformationException("empty", new Object[] {e.getMessage()});
        }
        XMLSignatureInput output = new XMLSignatureByteInput(
                os == null ? ((ByteArrayOutputStream) target).toByteArray() : null);
        output.setSecureValidation(secureValidation);
        if (os != null) {
            output.setOutputStream(os); // the bytes went straight to the digest already
        }
        return output;
    }
}
