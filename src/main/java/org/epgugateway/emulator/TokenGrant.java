package org.epgugateway.emulator;

import java.time.Instant;
import java.util.UUID;

/**
 * What an issued access token stands for: the API key, the organisation and the ESIA subject (the employee).
 *
 * @param apiKey    the API key the token was issued for
 * @param ogrn      the OGRN of the organisation whose certificate signed the key
 * @param subject   the ESIA subject ({@code urn:esia:sbj_id}) of the key's owner
 * @param issuedAt  the moment the token was issued
 * @param expiresAt the moment the token stops working
 */
record TokenGrant(UUID apiKey, String ogrn, String subject, Instant issuedAt, Instant expiresAt) {
}
