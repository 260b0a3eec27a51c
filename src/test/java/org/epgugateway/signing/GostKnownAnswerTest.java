package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECGOST3410_2012Signer;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known answers that pin the byte-order conventions: Streebog as BouncyCastle and OpenSSL print it, and a GOST R
 * 34.10-2012 signature from the standard's worked example, verified only.
 */
class GostKnownAnswerTest {

    // GOST R 34.11-2012, message M1: the 63 ASCII digits "0123456789" repeated, ending in "012"
    private static final byte[] M1 = "012345678901234567890123456789012345678901234567890123456789012"
            .getBytes(StandardCharsets.US_ASCII);

    // GOST R 34.10-2012 appendix A.1 (RFC 7091 section 7.1): the 256-bit test curve, key, hash value and signature
    private static final BigInteger P = hex("8000000000000000000000000000000000000000000000000000000000000431");
    private static final BigInteger A = BigInteger.valueOf(7);
    private static final BigInteger B = hex("5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E");
    private static final BigInteger Q = hex("8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3");
    private static final BigInteger GX = BigInteger.TWO;
    private static final BigInteger GY = hex("08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8");
    private static final BigInteger QX = hex("7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B");
    private static final BigInteger QY = hex("26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA");
    // e, the hash value read as a number: the standard prints numbers most significant digit first
    private static final BigInteger E = hex("2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5");
    private static final BigInteger R = hex("41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493");
    private static final BigInteger S = hex("01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40");

    @BeforeAll
    static void provider() {
        GostProvider.install();
    }

    @Test
    void streebog_256_of_m1_is_the_value_openssl_prints_not_the_reversed_one_of_the_standard() throws Exception {
        byte[] digest = MessageDigest.getInstance("GOST3411-2012-256", GostProvider.NAME).digest(M1);

        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500");
    }

    @Test
    void streebog_512_of_m1_is_the_value_openssl_prints_not_the_reversed_one_of_the_standard() throws Exception {
        byte[] digest = MessageDigest.getInstance("GOST3411-2012-512", GostProvider.NAME).digest(M1);

        assertThat(HexFormat.of().formatHex(digest)).isEqualTo("1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085"
                + "122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48");
    }

    @Test
    void the_standard_signature_verifies_when_the_digest_bytes_are_the_little_endian_form_of_e() {
        // a digest as Streebog outputs it is the hash value least significant byte first
        byte[] digest = Arrays.reverse(fixed(E));

        assertThat(verifier().verifySignature(digest, R, S)).isTrue();
    }

    @Test
    void the_standard_signature_fails_when_the_digest_is_passed_most_significant_byte_first() {
        byte[] digest = fixed(E);

        assertThat(verifier().verifySignature(digest, R, S)).isFalse();
    }

    @Test
    void the_standard_signature_fails_with_its_halves_swapped() {
        byte[] digest = Arrays.reverse(fixed(E));

        assertThat(verifier().verifySignature(digest, S, R)).isFalse();
    }

    @Test
    void the_public_key_of_the_example_is_its_private_key_times_the_base_point() {
        BigInteger d = hex("7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28");

        ECPoint q = domain().getG().multiply(d).normalize();

        assertThat(q.getAffineXCoord().toBigInteger()).isEqualTo(QX);
        assertThat(q.getAffineYCoord().toBigInteger()).isEqualTo(QY);
    }

    private static ECGOST3410_2012Signer verifier() {
        ECDomainParameters domain = domain();
        ECGOST3410_2012Signer signer = new ECGOST3410_2012Signer();
        signer.init(false, new ECPublicKeyParameters(domain.getCurve().createPoint(QX, QY), domain));
        return signer;
    }

    private static ECDomainParameters domain() {
        ECCurve curve = new ECCurve.Fp(P, A, B, Q, BigInteger.ONE);
        return new ECDomainParameters(curve, curve.createPoint(GX, GY), Q);
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static BigInteger hex(String value) {
        return new BigInteger(value, 16);
    }
}
