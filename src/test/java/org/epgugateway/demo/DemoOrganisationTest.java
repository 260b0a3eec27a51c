package org.epgugateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DemoOrganisationTest {

    @Test
    void romashka_has_the_demo_name_ogrn_and_inn() {
        DemoOrganisation romashka = DemoOrganisation.romashka();

        assertThat(romashka.name()).isEqualTo("ООО \"Ромашка\"");
        assertThat(romashka.ogrn()).isEqualTo("1027700123450");
        assertThat(romashka.innLe()).isEqualTo("7700123459");
    }

    @Test
    void romashka_numbers_carry_valid_check_digits() {
        DemoOrganisation romashka = DemoOrganisation.romashka();

        // OGRN: the first 12 digits modulo 11, then modulo 10, give the 13th
        long ogrnBody = Long.parseLong(romashka.ogrn().substring(0, 12));
        assertThat(ogrnBody % 11 % 10).isEqualTo(romashka.ogrn().charAt(12) - '0');
        // INN of a legal entity: weighted sum of the first 9 digits modulo 11, then modulo 10, gives the 10th
        int[] weights = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (romashka.innLe().charAt(i) - '0');
        }
        assertThat(sum % 11 % 10).isEqualTo(romashka.innLe().charAt(9) - '0');
    }

    @Test
    void without_ogrn_keeps_the_name_and_inn() {
        DemoOrganisation withoutOgrn = DemoOrganisation.romashka().withoutOgrn();

        assertThat(withoutOgrn.ogrn()).isNull();
        assertThat(withoutOgrn.name()).isEqualTo(DemoOrganisation.romashka().name());
        assertThat(withoutOgrn.innLe()).isEqualTo("7700123459");
    }

    @Test
    void numbers_of_the_wrong_length_are_refused() {
        assertThatThrownBy(() -> new DemoOrganisation("OOO", "102770012345", "7700123459"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("13 digits");
        assertThatThrownBy(() -> new DemoOrganisation("OOO", "1027700123450", "770012345X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 digits");
    }

    @Test
    void demo_keys_text_form_leaves_the_password_out() {
        DemoKeys keys = new DemoKeys(Path.of("organisation.p12"), "s3cret-Passw0rd", "organisation",
                Path.of("ca.pem"), Path.of("organisation.pem"));

        assertThat(keys.toString()).contains("organisation.p12").doesNotContain("s3cret-Passw0rd");
    }
}
