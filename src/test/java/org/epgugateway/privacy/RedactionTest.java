package org.epgugateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What operators read never carries a secret, and carries personal data only when they turned masking off.
 */
class RedactionTest {

    @AfterEach
    void masking_back_on() {
        Redaction.unmaskPersonalData(false);
    }

    @Test
    void registered_secrets_are_masked_wherever_they_appear() {
        Redaction.registerSecret("0f8fad5b-d9cb-469f-a165-70867728950e");

        String masked = Redaction.mask("key 0f8fad5b-d9cb-469f-a165-70867728950e refused");

        assertThat(masked).isEqualTo("key *** refused");
    }

    @Test
    void secret_shaped_text_is_masked_without_registration() {
        String line = "GET /esia-rs/api/public/v1/orgs/ext-app/1e0b3bb8-1111-2222-3333-444455556666/tkn"
                + "?signature=MIIBxTCCAW-abc_def HTTP/1.1 Authorization: Bearer eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl "
                + "store.password=hunter2secret";

        String masked = Redaction.mask(line);

        assertThat(masked).doesNotContain("1e0b3bb8", "MIIBxTCCAW", "eyJhbGciOiJI", "hunter2secret")
                .contains("ext-app/***", "signature=***", "Bearer ***", "password=***");
    }

    @Test
    void a_setting_whose_name_ends_in_signature_is_no_secret_and_the_field_after_it_stays() {
        String settings = "EmulatorSettings{schemas=schemas, lenientSignature=false, faults=none}";

        assertThat(Redaction.mask(settings)).isEqualTo(settings);
    }

    @Test
    void a_signature_parameter_is_masked_up_to_its_end_only() {
        String masked = Redaction.mask("tkn?signature=MIIBx_Tc-CAW%3D&x=1, signature=AbC+/9=, next=kept");

        assertThat(masked).isEqualTo("tkn?signature=***&x=1, signature=***, next=kept");
    }

    @Test
    void snils_personal_inn_names_and_birth_dates_are_masked() {
        String text = "AuthorSnils 00011122200, SNILS 123-456-789 01, INN 500100732259, org INN 7700123459, "
                + "Лепесткова Анна Сергеевна born 1979-03-15, order 2540146347, at 2026-12-04T19:24:31+03:00";

        String masked = Redaction.mask(text);

        assertThat(masked).doesNotContain("00011122200", "123-456-789 01", "500100732259", "Лепесткова", "1979-03-15")
                .contains("Л*** А*** С***", "7700123459", "order 2540146347", "2026-12-04T19:24:31+03:00");
    }

    @Test
    void personal_data_can_be_unmasked_for_debugging_but_secrets_cannot() {
        Redaction.registerSecret("very-secret-password");
        Redaction.unmaskPersonalData(true);

        String masked = Redaction.mask("SNILS 00011122200 with very-secret-password");

        assertThat(masked).isEqualTo("SNILS 00011122200 with ***");
    }
}
