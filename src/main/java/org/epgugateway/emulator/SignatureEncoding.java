package org.epgugateway.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code signature} query parameter the way ESIA tolerates it: standard or URL-safe base64, padded or
 * not, percent-encoded or not.
 */
final class SignatureEncoding {

    private static final String PARAMETER = "signature=";

    private SignatureEncoding() {
    }

    /**
     * Finds the signature in a raw (still percent-encoded) query string.
     *
     * @return the raw value, or empty when the query has no non-empty {@code signature} parameter
     */
    static Optional<String> rawValue(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(PARAMETER) && pair.length() > PARAMETER.length()) {
                return Optional.of(pair.substring(PARAMETER.length()));
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes a raw signature value into the DER bytes of the CMS.
     *
     * @throws IllegalArgumentException when the value is not base64 in any of the accepted spellings
     */
    static byte[] decode(String rawValue) {
        // form decoding turns an unencoded '+' of standard base64 into a space; base64 never holds a space
        String text = URLDecoder.decode(rawValue, StandardCharsets.UTF_8).replace(' ', '+');
        String standard = text.replaceAll("[\\r\\n\\t]", "")
                .replace('-', '+')
                .replace('_', '/')
                .replaceAll("=+$", "");
        int padding = (4 - standard.length() % 4) % 4;
        if (padding == 3) {
            throw new IllegalArgumentException("base64 text has an impossible length");
        }
        return Base64.getDecoder().decode(standard + "=".repeat(padding));
    }
}
