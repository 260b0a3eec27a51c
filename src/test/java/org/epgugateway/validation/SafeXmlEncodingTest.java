package org.epgugateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * A declared encoding is honoured, and bytes that do not belong to it are refused rather than turned into text
 * nobody wrote.
 */
class SafeXmlEncodingTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private static String document(String encoding, String name) {
        return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<r><name>" + name + "</name>"
                + "<org>ООО «Ромашка»</org><note>Заявление о предоставлении информации</note></r>";
    }

    @Test
    void utf8_bytes_declared_windows_1251_are_refused_saying_they_look_like_utf8() {
        byte[] bytes = document("windows-1251", "Анна Петрова").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeXml.parse(bytes))
                .isInstanceOfSatisfying(InvalidDropException.class, e -> assertThat(e.code()).isEqualTo("NOT_XML"))
                .hasMessageContaining("declares the encoding windows-1251")
                .hasMessageContaining("look like UTF-8")
                .hasMessageContaining("offset 55");
    }

    @Test
    void utf8_bytes_declared_windows_1251_with_a_letter_using_0x98_get_the_same_reason() {
        // «И» is 0xD0 0x98 in UTF-8, and 0x98 is the byte windows-1251 leaves undefined
        byte[] bytes = document("windows-1251", "Иван").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeXml.parse(bytes)).hasMessageContaining("look like UTF-8");
    }

    @Test
    void utf8_bytes_declared_in_another_single_byte_cyrillic_code_page_are_refused() {
        byte[] bytes = document("KOI8-R", "Анна Петрова").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SafeXml.parse(bytes)).hasMessageContaining("declares the encoding KOI8-R")
                .hasMessageContaining("look like UTF-8");
    }

    @Test
    void genuine_windows_1251_is_read_and_converted() {
        String xml = document("windows-1251", "Анна Петрова-Сёмина «СЁ»");

        Document parsed = SafeXml.parse(xml.getBytes(WINDOWS_1251));

        assertThat(parsed.getDocumentElement().getTextContent()).contains("Анна Петрова-Сёмина «СЁ»")
                .contains("ООО «Ромашка»");
        assertThat(new String(SafeXml.toUtf8(parsed), StandardCharsets.UTF_8)).contains("Анна Петрова");
    }

    @Test
    void windows_1251_without_any_cyrillic_is_accepted() {
        Document parsed = SafeXml.parse(("<?xml version=\"1.0\" encoding=\"windows-1251\"?><r>Anna</r>")
                .getBytes(WINDOWS_1251));

        assertThat(parsed.getDocumentElement().getTextContent()).isEqualTo("Anna");
    }

    @Test
    void a_byte_windows_1251_leaves_undefined_is_still_named_with_its_offset() {
        byte[] bytes = document("windows-1251", "Анна#").getBytes(WINDOWS_1251);
        int hash = new String(bytes, WINDOWS_1251).indexOf('#');
        bytes[hash] = (byte) 0x98;

        assertThatThrownBy(() -> SafeXml.parse(bytes)).hasMessageContaining("0x98 at offset " + hash);
    }
}
