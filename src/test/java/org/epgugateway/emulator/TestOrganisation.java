package org.epgugateway.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The organisation most tests act for: a trusted GOST test CA, the organisation's certificate with its OGRN, and
 * the API keys of two of its employees (two ESIA subjects).
 */
final class TestOrganisation {

    static final UUID EMPLOYEE_KEY = UUID.fromString("0b7e6a52-3c1d-4f2e-9a8b-7c6d5e4f3a2b");
    static final UUID OTHER_EMPLOYEE_KEY = UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");

    private final GostPki pki;
    private final GostPki.Signer signer;

    private TestOrganisation(GostPki pki, GostPki.Signer signer) {
        this.pki = pki;
        this.signer = signer;
    }

    static TestOrganisation create(Path folder) throws Exception {
        GostPki pki = GostPki.newCa(folder, "Test CA");
        return new TestOrganisation(pki, pki.issue("romashka", "/CN=Romashka/O=Romashka LLC/OGRN="
                + Application.OGRN + "/C=RU"));
    }

    GostPki.Signer signer() {
        return signer;
    }

    /** Settings for an emulator on a free port that knows both keys and shows final statuses at once. */
    EmulatorSettings settings() {
        return EmulatorSettings.defaults()
                .withPort(0)
                .withTrustedCa(pki.caCertificate())
                .withApiKey(EMPLOYEE_KEY, ApiKeyState.ACTIVE)
                .withApiKey(OTHER_EMPLOYEE_KEY, ApiKeyState.ACTIVE)
                .withStepDelay(Duration.ZERO);
    }
}
