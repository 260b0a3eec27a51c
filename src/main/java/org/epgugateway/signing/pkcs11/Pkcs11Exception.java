package org.epgugateway.signing.pkcs11;

import java.util.Map;

import org.epgugateway.signing.KeySourceException;

/**
 * Thrown when a PKCS#11 function fails; the message names the function and the CK_RV code, by name where known.
 */
public final class Pkcs11Exception extends KeySourceException {

    private static final long serialVersionUID = 1L;

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x5L, "CKR_GENERAL_ERROR"),
            Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
            Map.entry(0x7L, "CKR_ARGUMENTS_BAD"),
            Map.entry(0x12L, "CKR_ATTRIBUTE_TYPE_INVALID"),
            Map.entry(0x20L, "CKR_DATA_INVALID"),
            Map.entry(0x21L, "CKR_DATA_LEN_RANGE"),
            Map.entry(0x30L, "CKR_DEVICE_ERROR"),
            Map.entry(0x31L, "CKR_DEVICE_MEMORY"),
            Map.entry(0x32L, "CKR_DEVICE_REMOVED"),
            Map.entry(0x60L, "CKR_KEY_HANDLE_INVALID"),
            Map.entry(0x63L, "CKR_KEY_TYPE_INCONSISTENT"),
            Map.entry(0x68L, "CKR_KEY_FUNCTION_NOT_PERMITTED"),
            Map.entry(0x70L, "CKR_MECHANISM_INVALID"),
            Map.entry(0x82L, "CKR_OBJECT_HANDLE_INVALID"),
            Map.entry(0xA0L, "CKR_PIN_INCORRECT"),
            Map.entry(0xA2L, "CKR_PIN_LEN_RANGE"),
            Map.entry(0xA4L, "CKR_PIN_LOCKED"),
            Map.entry(0xB0L, "CKR_SESSION_CLOSED"),
            Map.entry(0xB3L, "CKR_SESSION_HANDLE_INVALID"),
            Map.entry(0xD0L, "CKR_TEMPLATE_INCOMPLETE"),
            Map.entry(0xD1L, "CKR_TEMPLATE_INCONSISTENT"),
            Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"),
            Map.entry(0xE1L, "CKR_TOKEN_NOT_RECOGNIZED"),
            Map.entry(0x100L, "CKR_USER_ALREADY_LOGGED_IN"),
            Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
            Map.entry(0x103L, "CKR_USER_TYPE_INVALID"),
            Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
            Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"),
            Map.entry(0x191L, "CKR_CRYPTOKI_ALREADY_INITIALIZED"));

    private final long code;

    Pkcs11Exception(String function, long code, String context) {
        super(function + " failed with " + name(code) + (context.isEmpty() ? "" : ": " + context));
        this.code = code;
    }

    /** The CK_RV code. */
    public long code() {
        return code;
    }

    /** The CK_RV name of a code, or its hexadecimal value when it has no known name. */
    static String name(long code) {
        return NAMES.getOrDefault(code, "CK_RV 0x" + Long.toHexString(code));
    }
}
