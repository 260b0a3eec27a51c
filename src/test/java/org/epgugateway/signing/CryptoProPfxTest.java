package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PKCS#12 file shaped like a CryptoPro CSP export with CryptoPro's proprietary key wrapping, crafted here: no
 * third-party key file is part of the project, and the wrapped bytes are random, since no open library can make or
 * read the real wrapping.
 */
class CryptoProPfxTest {

    private static final char[] PASSWORD = "12345678".toCharArray();

    @Test
    void a_key_bag_with_cryptopro_wrapping_is_reported_by_name_and_oid(@TempDir Path folder) throws Exception {
        Path pfx = Files.write(folder.resolve("csp_exported.pfx"), cryptoProShapedPfx());

        assertThatThrownBy(() -> new Pkcs12KeySource(pfx, PASSWORD, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("CryptoPro's proprietary export wrapping")
                .hasMessageContaining("1.2.840.113549.1.12.1.80")
                .hasMessageContaining("signing.key-source=command");
    }

    @Test
    void the_wrapping_of_the_key_bag_is_read_without_the_password() throws Exception {
        assertThat(Pkcs12Wrapping.keyBagAlgorithms(cryptoProShapedPfx()))
                .containsExactly(Pkcs12Wrapping.CRYPTOPRO_KEY_EXPORT);
    }

    @Test
    void a_file_that_is_not_pkcs12_has_no_wrapping_to_report() {
        assertThat(Pkcs12Wrapping.keyBagAlgorithms(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})).isEmpty();
    }

    private static byte[] cryptoProShapedPfx() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] wrapped = new byte[160];
        random.nextBytes(wrapped);
        ASN1ObjectIdentifier cryptoPro = new ASN1ObjectIdentifier("1.2.840.113549.1.12.1.80");
        EncryptedPrivateKeyInfo keyInfo = new EncryptedPrivateKeyInfo(
                new AlgorithmIdentifier(cryptoPro, new PKCS12PBEParams(salt, 2000)), wrapped);
        SigningKey key = DemoAuthority.create().issue(DemoOrganisation.romashka());
        PKCS12PfxPdu pdu = new PKCS12PfxPduBuilder()
                .addData(new JcaPKCS12SafeBagBuilder(key.certificate()).build())
                .addData(new PKCS12SafeBag(new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, keyInfo)))
                .build(new BcPKCS12MacCalculatorBuilder(), PASSWORD);
        return pdu.getEncoded();
    }
}
