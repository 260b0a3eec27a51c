package org.epgugateway.signing.pkcs11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The PKCS#11 (Cryptoki) functions the gateway calls, as the module exports them; every one returns a CK_RV.
 *
 * <p>CK_ULONG is a C {@code unsigned long}, which {@link NativeLong} maps on every platform.
 */
interface Cryptoki extends Library {

    NativeLong C_Initialize(Pointer initArgs);

    NativeLong C_Finalize(Pointer reserved);

    NativeLong C_GetSlotList(byte tokenPresent, Pointer slotList, NativeLongByReference count);

    NativeLong C_GetTokenInfo(NativeLong slot, Pointer info);

    NativeLong C_OpenSession(NativeLong slot, NativeLong flags, Pointer application, Pointer notify,
            NativeLongByReference session);

    NativeLong C_CloseSession(NativeLong session);

    NativeLong C_Login(NativeLong session, NativeLong userType, byte[] pin, NativeLong pinLength);

    NativeLong C_Logout(NativeLong session);

    NativeLong C_FindObjectsInit(NativeLong session, Pointer template, NativeLong count);

    NativeLong C_FindObjects(NativeLong session, Pointer objects, NativeLong maxCount, NativeLongByReference count);

    NativeLong C_FindObjectsFinal(NativeLong session);

    NativeLong C_GetAttributeValue(NativeLong session, NativeLong object, Pointer template, NativeLong count);

    NativeLong C_CreateObject(NativeLong session, Pointer template, NativeLong count, NativeLongByReference object);

    NativeLong C_SignInit(NativeLong session, Pointer mechanism, NativeLong key);

    NativeLong C_Sign(NativeLong session, byte[] data, NativeLong dataLength, Pointer signature,
            NativeLongByReference signatureLength);
}
