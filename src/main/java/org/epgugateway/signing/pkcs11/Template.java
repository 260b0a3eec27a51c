package org.epgugateway.signing.pkcs11;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * A PKCS#11 attribute template (an array of CK_ATTRIBUTE) built in Java and laid out in native memory on demand.
 */
final class Template {

    private static final int LONG_BYTES = Native.LONG_SIZE;
    private static final int POINTER_BYTES = Native.POINTER_SIZE;

    private final List<Long> types = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    /** An attribute holding a CK_ULONG, such as CKA_CLASS. */
    Template ulong(long type, long value) {
        Memory memory = new Memory(LONG_BYTES);
        memory.setNativeLong(0, new NativeLong(value, true));
        return add(type, memory.getByteArray(0, LONG_BYTES), -1);
    }

    /** An attribute holding a CK_BBOOL. */
    Template bool(long type, boolean value) {
        return add(type, new byte[] {(byte) (value ? 1 : 0)}, -1);
    }

    /** An attribute holding bytes, such as CKA_ID or CKA_VALUE. */
    Template bytes(long type, byte[] value) {
        return add(type, value.clone(), -1);
    }

    /** An attribute to ask the length of: no buffer. */
    Template ask(long type) {
        return add(type, null, 0);
    }

    /** An attribute to read into a buffer of the given length. */
    Template ask(long type, int length) {
        return add(type, null, length);
    }

    Allocated toNative() {
        return new Allocated(this);
    }

    private Template add(long type, byte[] value, int bufferLength) {
        types.add(type);
        values.add(value);
        lengths.add(bufferLength);
        return this;
    }

    /** Reads a CK_ULONG attribute value written by the module. */
    static long readULong(byte[] value) {
        try (Memory memory = new Memory(LONG_BYTES)) {
            memory.clear();
            memory.write(0, value, 0, Math.min(value.length, LONG_BYTES));
            return LONG_BYTES == 8 ? memory.getLong(0) : memory.getInt(0) & 0xFFFFFFFFL;
        }
    }

    static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** The template in native memory; kept alive, with its value buffers, until closed. */
    static final class Allocated implements AutoCloseable {

        private static final int LONG = LONG_BYTES;
        private static final int POINTER = POINTER_BYTES;
        // CK_ATTRIBUTE is { CK_ULONG type; void *pValue; CK_ULONG ulValueLen } with the platform's natural alignment
        private static final long VALUE_OFFSET = align(LONG, POINTER);
        private static final long LENGTH_OFFSET = VALUE_OFFSET + POINTER;
        private static final long SIZE = align(LENGTH_OFFSET + LONG, Math.max(LONG, POINTER));

        private final Memory array;
        private final List<Memory> buffers = new ArrayList<>();
        private final int count;

        private Allocated(Template template) {
            count = template.types.size();
            array = new Memory(Math.max(1, count) * SIZE);
            array.clear();
            for (int i = 0; i < count; i++) {
                long base = i * SIZE;
                array.setNativeLong(base, new NativeLong(template.types.get(i), true));
                byte[] value = template.values.get(i);
                int length = value != null ? value.length : template.lengths.get(i);
                Pointer buffer = Pointer.NULL;
                if (length > 0) {
                    Memory memory = new Memory(length);
                    memory.clear();
                    if (value != null) {
                        memory.write(0, value, 0, value.length);
                    }
                    buffers.add(memory);
                    buffer = memory;
                }
                array.setPointer(base + VALUE_OFFSET, buffer);
                array.setNativeLong(base + LENGTH_OFFSET, new NativeLong(Math.max(length, 0), true));
            }
        }

        Pointer pointer() {
            return array;
        }

        int count() {
            return count;
        }

        /** The ulValueLen the module wrote back; negative for CK_UNAVAILABLE_INFORMATION. */
        long length(int index) {
            return array.getNativeLong(index * SIZE + LENGTH_OFFSET).longValue();
        }

        byte[] value(int index) {
            Pointer buffer = array.getPointer(index * SIZE + VALUE_OFFSET);
            return buffer == null ? new byte[0] : buffer.getByteArray(0, (int) length(index));
        }

        @Override
        public void close() {
            buffers.forEach(Memory::close);
            array.close();
        }
    }
}
