package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeySourceTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    static Path folder;

    private static DemoAuthority authority;
    private static SigningKey romashka;
    private static SigningKey lutik;
    // one key entry and a trusted CA certificate; two key entries; only a certificate
    private static Path oneKey;
    private static Path twoKeys;
    private static Path noKey;

    @BeforeAll
    static void write_keystores() throws Exception {
        authority = DemoAuthority.create();
        romashka = authority.issue(DemoOrganisation.romashka());
        lutik = authority.issue(new DemoOrganisation("OOO Lutik", "1037700000006", "7701000009"));
        oneKey = keystore("one-key.p12", store -> {
            addKey(store, "romashka", romashka);
            store.setCertificateEntry("trusted-ca", authority.caCertificate());
        });
        twoKeys = keystore("two-keys.p12", store -> {
            addKey(store, "romashka", romashka);
            addKey(store, "lutik", lutik);
        });
        noKey = keystore("no-key.p12", store -> store.setCertificateEntry("trusted-ca", authority.caCertificate()));
    }

    @Test
    void the_only_key_entry_is_loaded_when_no_alias_is_given() {
        SigningKey key = new Pkcs12KeySource(oneKey, PASSWORD, null).load();

        assertThat(key.certificate()).isEqualTo(romashka.certificate());
        assertThat(key.chain()).containsExactly(romashka.certificate(), authority.caCertificate());
        assertSignsFor(key, romashka.certificate());
    }

    @Test
    void the_entry_named_by_the_alias_is_loaded() {
        SigningKey key = new Pkcs12KeySource(twoKeys, PASSWORD, "lutik").load();

        assertThat(key.certificate()).isEqualTo(lutik.certificate());
        assertSignsFor(key, lutik.certificate());
    }

    @Test
    void several_key_entries_without_an_alias_are_refused_rather_than_guessed() {
        assertThatThrownBy(() -> new Pkcs12KeySource(twoKeys, PASSWORD, " ").load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("several key entries [lutik, romashka]")
                .hasMessageContaining("name the one to use as the alias");
    }

    @Test
    void a_missing_file_is_reported_with_its_path() {
        Path missing = folder.resolve("missing.p12");

        assertThatThrownBy(() -> new Pkcs12KeySource(missing, PASSWORD, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void a_wrong_password_is_reported_as_a_wrong_password() {
        assertThatThrownBy(() -> new Pkcs12KeySource(oneKey, "not-the-password".toCharArray(), null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageStartingWith("Wrong password for PKCS#12 keystore " + oneKey);
    }

    @Test
    void an_unknown_alias_is_reported_with_the_key_entries_present() {
        assertThatThrownBy(() -> new Pkcs12KeySource(oneKey, PASSWORD, "vasilek").load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("Alias 'vasilek' not found")
                .hasMessageEndingWith("its key entries: [romashka]");
    }

    @Test
    void an_alias_of_a_certificate_is_not_taken_for_a_key() {
        assertThatThrownBy(() -> new Pkcs12KeySource(oneKey, PASSWORD, "trusted-ca").load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("'trusted-ca'")
                .hasMessageContaining("certificate without a private key");
    }

    @Test
    void a_keystore_without_a_key_entry_is_reported_as_such() {
        assertThatThrownBy(() -> new Pkcs12KeySource(noKey, PASSWORD, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("holds no private key entry")
                .hasMessageEndingWith("its entries: [trusted-ca]");
    }

    @Test
    void a_file_that_is_not_pkcs12_is_reported_as_unreadable() throws Exception {
        Path file = Files.writeString(folder.resolve("notes.p12"), "not a keystore", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new Pkcs12KeySource(file, PASSWORD, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("Cannot read " + file + " as a PKCS#12 keystore");
    }

    @Test
    void the_password_array_of_the_caller_may_be_cleared_after_construction() {
        char[] password = PASSWORD.clone();
        Pkcs12KeySource source = new Pkcs12KeySource(oneKey, password, null);

        Arrays.fill(password, '\0');

        assertThat(source.load().certificate()).isEqualTo(romashka.certificate());
    }

    private static Path keystore(String name, StoreContent content) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12-AES256-AES128", GostProvider.NAME);
        store.load(null, null);
        content.fill(store);
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static void addKey(KeyStore store, String alias, SigningKey key) throws Exception {
        store.setKeyEntry(alias, key.privateKey(), PASSWORD, key.chain().toArray(new X509Certificate[0]));
    }

    private static void assertSignsFor(SigningKey key, X509Certificate expected) {
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);
        byte[] signature = new CmsSigner(key).signDetached(content);
        assertThat(new CmsVerifier().verifyDetached(signature, content)).isEqualTo(expected);
    }

    @FunctionalInterface
    private interface StoreContent {
        void fill(KeyStore store) throws Exception;
    }
}
