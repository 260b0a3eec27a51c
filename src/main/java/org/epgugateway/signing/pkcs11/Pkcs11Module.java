package org.epgugateway.signing.pkcs11;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * One loaded PKCS#11 module: the few Cryptoki calls the gateway makes, with CK_RV codes turned into exceptions.
 *
 * <p>The module is initialised on first open and finalised when its last user closes it, since Cryptoki allows one
 * initialisation per process. Calls on one session must not overlap; {@link Pkcs11Key} serialises them.
 */
final class Pkcs11Module implements AutoCloseable {

    static final long CKO_CERTIFICATE = 1;
    static final long CKO_PRIVATE_KEY = 3;
    static final long CKA_CLASS = 0;
    static final long CKA_TOKEN = 1;
    static final long CKA_LABEL = 3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_CERTIFICATE_TYPE = 0x80;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_ID = 0x102;
    static final long CKC_X_509 = 0;
    static final long CKK_EC = 3;
    static final long CKK_GOSTR3410 = 0x30;
    static final long CKK_GOSTR3410_512 = 0xD4321003L;
    static final long CKM_ECDSA = 0x1041;
    static final long CKM_GOSTR3410 = 0x1201;
    static final long CKM_GOSTR3410_512 = 0xD4321006L;

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    private static final long CKF_RW_SESSION = 2;
    private static final long CKF_SERIAL_SESSION = 4;
    private static final long CKU_USER = 1;
    private static final int TOKEN_INFO_BYTES = 1024;
    private static final int LABEL_BYTES = 32;
    private static final long TOKEN_FLAGS_OFFSET = 96;
    private static final long CKF_TOKEN_INITIALIZED = 0x400;
    private static final Map<Path, Pkcs11Module> OPEN = new HashMap<>();

    private final Path library;
    private final Cryptoki cryptoki;
    private final boolean initialisedHere;
    private int users;

    private Pkcs11Module(Path library, Cryptoki cryptoki, boolean initialisedHere) {
        this.library = library;
        this.cryptoki = cryptoki;
        this.initialisedHere = initialisedHere;
    }

    /**
     * Loads and initialises the module, or shares the one already open in this process.
     *
     * @throws Pkcs11Exception when the module cannot be loaded or initialised
     */
    static synchronized Pkcs11Module open(Path library) {
        Path key = library.toAbsolutePath().normalize();
        Pkcs11Module module = OPEN.get(key);
        if (module == null) {
            Cryptoki cryptoki;
            try {
                cryptoki = Native.load(key.toString(), Cryptoki.class);
            } catch (UnsatisfiedLinkError e) {
                throw new Pkcs11Exception("loading " + key, -1, e.getMessage());
            }
            long rv = cryptoki.C_Initialize(null).longValue();
            if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new Pkcs11Exception("C_Initialize", rv, key.toString());
            }
            module = new Pkcs11Module(key, cryptoki, rv == CKR_OK);
            OPEN.put(key, module);
        }
        module.users++;
        return module;
    }

    @Override
    public void close() {
        synchronized (Pkcs11Module.class) {
            if (--users > 0) {
                return; // another key source in this process still uses the module
            }
            OPEN.remove(library);
            if (initialisedHere) {
                cryptoki.C_Finalize(null);
            }
        }
    }

    Path library() {
        return library;
    }

    /** The slots that hold a token. */
    List<Long> slotsWithTokens() {
        NativeLongByReference count = new NativeLongByReference();
        check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, null, count), "");
        int n = count.getValue().intValue();
        List<Long> slots = new ArrayList<>();
        if (n == 0) {
            return slots;
        }
        Memory list = new Memory((long) n * Native.LONG_SIZE);
        check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, list, count), "");
        for (int i = 0; i < count.getValue().intValue(); i++) {
            slots.add(list.getNativeLong((long) i * Native.LONG_SIZE).longValue());
        }
        return slots;
    }

    /** The label of the token in the slot, without its blank padding; null when the token is not initialised. */
    String tokenLabel(long slot) {
        Memory info = new Memory(TOKEN_INFO_BYTES);
        info.clear();
        check("C_GetTokenInfo", cryptoki.C_GetTokenInfo(ulong(slot), info), "slot " + slot);
        // CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], then CK_FLAGS flags
        long flags = info.getNativeLong(TOKEN_FLAGS_OFFSET).longValue();
        if ((flags & CKF_TOKEN_INITIALIZED) == 0) {
            return null;
        }
        return new String(info.getByteArray(0, LABEL_BYTES), StandardCharsets.UTF_8).strip();
    }

    long openSession(long slot, boolean readWrite) {
        NativeLongByReference session = new NativeLongByReference();
        long flags = CKF_SERIAL_SESSION | (readWrite ? CKF_RW_SESSION : 0);
        check("C_OpenSession", cryptoki.C_OpenSession(ulong(slot), ulong(flags), null, null, session),
                "slot " + slot);
        return session.getValue().longValue();
    }

    void closeSession(long session) {
        cryptoki.C_CloseSession(ulong(session));
    }

    /** Logs the user in; the PIN bytes are cleared here once the call returns. */
    void login(long session, byte[] pin) {
        try {
            long rv = cryptoki.C_Login(ulong(session), ulong(CKU_USER), pin, ulong(pin.length)).longValue();
            if (rv != CKR_USER_ALREADY_LOGGED_IN) {
                check("C_Login", new NativeLong(rv, true), "");
            }
        } finally {
            Arrays.fill(pin, (byte) 0);
        }
    }

    void logout(long session) {
        cryptoki.C_Logout(ulong(session));
    }

    /** The handles of the objects that match every attribute of the template. */
    List<Long> find(long session, Template template) {
        try (Template.Allocated t = template.toNative()) {
            check("C_FindObjectsInit", cryptoki.C_FindObjectsInit(ulong(session), t.pointer(), ulong(t.count())), "");
        }
        List<Long> found = new ArrayList<>();
        try {
            Memory handles = new Memory(16L * Native.LONG_SIZE);
            NativeLongByReference count = new NativeLongByReference();
            do {
                check("C_FindObjects", cryptoki.C_FindObjects(ulong(session), handles, ulong(16), count), "");
                for (int i = 0; i < count.getValue().intValue(); i++) {
                    found.add(handles.getNativeLong((long) i * Native.LONG_SIZE).longValue());
                }
            } while (count.getValue().intValue() == 16);
        } finally {
            cryptoki.C_FindObjectsFinal(ulong(session));
        }
        return found;
    }

    /** The value of one attribute of an object, or null when the object does not have it. */
    byte[] attribute(long session, long object, long type) {
        try (Template.Allocated query = new Template().ask(type).toNative()) {
            long rv = cryptoki.C_GetAttributeValue(ulong(session), ulong(object), query.pointer(), ulong(1))
                    .longValue();
            long length = query.length(0);
            if (rv != CKR_OK || length < 0) {
                return null; // not present or not readable: callers decide whether that matters
            }
            try (Template.Allocated read = new Template().ask(type, (int) length).toNative()) {
                check("C_GetAttributeValue", cryptoki.C_GetAttributeValue(ulong(session), ulong(object),
                        read.pointer(), ulong(1)), "attribute 0x" + Long.toHexString(type));
                return read.value(0);
            }
        }
    }

    // Visible for testing: tests put certificates on a software token, which softhsm2-util cannot do
    long createObject(long session, Template template) {
        NativeLongByReference handle = new NativeLongByReference();
        try (Template.Allocated t = template.toNative()) {
            check("C_CreateObject", cryptoki.C_CreateObject(ulong(session), t.pointer(), ulong(t.count()), handle),
                    "");
        }
        return handle.getValue().longValue();
    }

    /** Signs the data (for the mechanisms used here, a digest) with the key and returns the raw signature. */
    byte[] sign(long session, long key, long mechanism, byte[] data) {
        Memory mech = new Memory(Mechanism.size());
        Mechanism.write(mech, mechanism);
        check("C_SignInit", cryptoki.C_SignInit(ulong(session), mech, ulong(key)),
                "mechanism 0x" + Long.toHexString(mechanism));
        Memory signature = new Memory(1024);
        NativeLongByReference length = new NativeLongByReference(ulong(1024));
        check("C_Sign", cryptoki.C_Sign(ulong(session), data, ulong(data.length), signature, length), "");
        return signature.getByteArray(0, length.getValue().intValue());
    }

    static NativeLong ulong(long value) {
        return new NativeLong(value, true);
    }

    private static void check(String function, NativeLong rv, String context) {
        if (rv.longValue() != CKR_OK) {
            throw new Pkcs11Exception(function, rv.longValue() & 0xFFFFFFFFL, context);
        }
    }

    /** CK_MECHANISM without parameters. */
    private static final class Mechanism {

        private Mechanism() {
        }

        static long size() {
            return Template.align(Template.align(Native.LONG_SIZE, Native.POINTER_SIZE) + Native.POINTER_SIZE
                    + Native.LONG_SIZE, Math.max(Native.LONG_SIZE, Native.POINTER_SIZE));
        }

        static void write(Memory memory, long mechanism) {
            memory.clear();
            memory.setNativeLong(0, ulong(mechanism));
            // pParameter stays NULL and ulParameterLen 0
        }
    }
}
