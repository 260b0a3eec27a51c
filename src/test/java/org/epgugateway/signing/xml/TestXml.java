package org.epgugateway.signing.xml;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.signing.SigningKey;
import org.epgugateway.validation.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Documents and keys shared by the XML signature tests. */
final class TestXml {

    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String REQUEST_NS = "urn://example/request/1.0";

    /** A request with a signable block by Id, a sibling where a detached signature goes, and mixed content. */
    static final String REQUEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <req:Request xmlns:req="urn://example/request/1.0" xmlns:unused="urn://example/unused">
              <req:Data Id="DATA" kind="ordinary">
                <req:Name>ООО «Ромашка» &amp; партнёры</req:Name>
                <req:Empty/>
                <req:Amount currency="RUB">12&gt;5</req:Amount>
              </req:Data>
              <req:Signatures/>
            </req:Request>
            """;

    private static KeyPairs keys;

    private TestXml() {
    }

    /** A 256-bit and a 512-bit key from one throwaway CA, plus a second 256-bit key of another organisation. */
    record KeyPairs(SigningKey key256, SigningKey key512, SigningKey stranger) {

        SigningKey of(KeySize size) {
            return size == KeySize.GOST_2012_256 ? key256 : key512;
        }
    }

    static synchronized KeyPairs keys() {
        if (keys == null) {
            DemoAuthority authority = DemoAuthority.create();
            Instant now = Instant.now();
            keys = new KeyPairs(authority.issue(DemoOrganisation.romashka()),
                    authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_512,
                            now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))),
                    authority.issue(new DemoOrganisation("ООО Чужая", "1027700999990", "7700999990")));
        }
        return keys;
    }

    static Document parse(String xml) {
        return SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    static Document parse(byte[] xml) {
        return SafeXml.parse(xml);
    }

    static Element element(Document document, String localName) {
        return (Element) document.getElementsByTagNameNS("*", localName).item(0);
    }

    static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }
}
