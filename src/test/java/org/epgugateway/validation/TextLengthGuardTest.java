package org.epgugateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Values long enough to make schema pattern checks crawl are refused by one streaming pass, naming where they are;
 * everything else is left to the strict parser.
 */
class TextLengthGuardTest {

    private final TextLengthGuard guard = new TextLengthGuard(10);

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_text_longer_than_the_limit_is_refused_naming_the_element_and_the_limit() {
        assertThatThrownBy(() -> guard.check(xml("<r xmlns:f='urn:f'><f:name>" + "x".repeat(11) + "</f:name></r>")))
                .isInstanceOfSatisfying(InvalidDropException.class,
                        e -> assertThat(e.code()).isEqualTo("TEXT_TOO_LONG"))
                .hasMessageContaining("f:name").hasMessageContaining("10 characters")
                .hasMessageContaining("gateway.max-text-length");
    }

    @Test
    void a_text_of_exactly_the_limit_passes_and_cyrillic_counts_as_characters_not_bytes() {
        assertThatCode(() -> guard.check(xml("<r><name>" + "Ж".repeat(10) + "</name><b>" + "y".repeat(10)
                + "</b></r>"))).doesNotThrowAnyException();
    }

    @Test
    void an_attribute_value_longer_than_the_limit_is_refused() {
        assertThatThrownBy(() -> guard.check(xml("<r><item code='" + "1".repeat(11) + "'/></r>")))
                .hasMessageContaining("attribute code of element item");
    }

    @Test
    void comments_do_not_split_a_text_into_short_pieces() {
        assertThatThrownBy(() -> guard.check(xml("<r><name>xxxxxx<!-- -->xxxxxx<?pi?></name></r>")))
                .hasMessageContaining("element name");
    }

    @Test
    void cdata_and_character_references_count_as_text() {
        assertThatThrownBy(() -> guard.check(xml("<r><name><![CDATA[xxxxxx]]>&#x41;&#x41;&#x41;&#x41;&#x41;</name>"
                + "</r>"))).hasMessageContaining("element name");
    }

    @Test
    void predefined_entities_count_as_the_characters_they_stand_for() {
        assertThatThrownBy(() -> guard.check(xml("<r><name>" + "&amp;".repeat(11) + "</name></r>")))
                .hasMessageContaining("element name");
        assertThatCode(() -> guard.check(xml("<r><name>" + "&lt;".repeat(10) + "</name></r>")))
                .doesNotThrowAnyException();
    }

    @Test
    void long_comments_are_not_values() {
        assertThatCode(() -> guard.check(xml("<r><!-- " + "c".repeat(1000) + " --><name>short</name></r>")))
                .doesNotThrowAnyException();
    }

    @Test
    void documents_it_cannot_read_are_left_to_the_strict_parser() {
        assertThatCode(() -> guard.check(xml("<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><r>&e;</r>")))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(xml("<r><unclosed>"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(new byte[0])).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(xml("<a>".repeat(5000) + "</a>".repeat(5000))))
                .doesNotThrowAnyException();
    }

    @Test
    void a_text_of_several_megabytes_is_refused_at_once() {
        TextLengthGuard defaults = new TextLengthGuard(10_000);
        byte[] huge = xml("<r><name>" + "x".repeat(8 * 1024 * 1024) + "</name></r>");

        long started = System.nanoTime();
        assertThatThrownBy(() -> defaults.check(huge)).hasMessageContaining("element name");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(5));
    }
}
