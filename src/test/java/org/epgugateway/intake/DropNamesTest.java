package org.epgugateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DropNamesTest {

    private static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void the_xml_extension_is_dropped_and_the_rest_kept() {
        assertThat(DropNames.baseOf("Заявление Иванова.XML")).isEqualTo("Заявление Иванова");
        assertThat(DropNames.baseOf("report.txt")).isEqualTo("report.txt");
    }

    @Test
    void separators_and_leading_dots_cannot_leave_the_folder() {
        assertThat(DropNames.baseOf("../../etc/passwd.xml")).isEqualTo("passwd");
        assertThat(DropNames.baseOf("..xml")).isEqualTo("_");
        assertThat(DropNames.baseOf(".hidden.xml")).isEqualTo("_hidden");
        assertThat(DropNames.baseOf("a:b*c?.xml")).isEqualTo("a_b_c_");
    }

    @Test
    void a_long_ascii_name_is_cut_to_the_byte_budget() {
        String name = "a".repeat(240) + ".xml";

        String base = DropNames.baseOf(name);

        assertThat(utf8Length(base)).isEqualTo(DropNames.MAX_BASE_BYTES);
        assertThat(name).startsWith(base);
    }

    @Test
    void a_long_cyrillic_name_is_cut_by_bytes_between_letters() {
        String name = "Ж".repeat(125) + ".xml";

        String base = DropNames.baseOf(name);

        assertThat(utf8Length(base)).isLessThanOrEqualTo(DropNames.MAX_BASE_BYTES);
        assertThat(base).isEqualTo("Ж".repeat(DropNames.MAX_BASE_BYTES / 2));
    }

    @Test
    void a_cut_never_splits_a_surrogate_pair_or_ends_in_a_space() {
        String name = "x".repeat(DropNames.MAX_BASE_BYTES - 2) + "\uD83D\uDCC4" + "tail.xml";
        assertThat(DropNames.baseOf(name)).isEqualTo("x".repeat(DropNames.MAX_BASE_BYTES - 2));

        String spaced = "y".repeat(DropNames.MAX_BASE_BYTES - 1) + " z".repeat(20) + ".xml";
        assertThat(DropNames.baseOf(spaced)).isEqualTo("y".repeat(DropNames.MAX_BASE_BYTES - 1));
    }

    @Test
    void the_longest_name_built_from_a_base_stays_within_255_bytes() {
        String base = DropNames.baseOf("Ё".repeat(200) + ".xml");
        String longest = "." + base + "~9999" + ".xml" + ".error.json" + "." + "0".repeat(36) + ".tmp";

        assertThat(utf8Length(longest)).isLessThanOrEqualTo(255);
    }
}
