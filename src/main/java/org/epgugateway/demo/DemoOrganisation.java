package org.epgugateway.demo;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The legal entity whose certificate the demo issues.
 *
 * @param name the full name, written to CN and O of the certificate subject
 * @param ogrn the 13-digit OGRN; null only for certificates meant to lack it
 * @param innLe the 10-digit INN of the legal entity; null only for certificates meant to lack it
 */
public record DemoOrganisation(String name, String ogrn, String innLe) {

    private static final Pattern OGRN = Pattern.compile("\\d{13}");
    private static final Pattern INN_LE = Pattern.compile("\\d{10}");

    public DemoOrganisation {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the organisation name is blank");
        }
        if (ogrn != null && !OGRN.matcher(ogrn).matches()) {
            throw new IllegalArgumentException("an OGRN has 13 digits: " + ogrn);
        }
        if (innLe != null && !INN_LE.matcher(innLe).matches()) {
            throw new IllegalArgumentException("the INN of a legal entity has 10 digits: " + innLe);
        }
    }

    /** The fictitious organisation of the demo; its OGRN and INN have valid check digits. */
    public static DemoOrganisation romashka() {
        return new DemoOrganisation("ООО \"Ромашка\"", "1027700123450", "7700123459");
    }

    /** The same organisation without an OGRN, for certificates that a gateway must refuse. */
    public DemoOrganisation withoutOgrn() {
        return new DemoOrganisation(name, null, innLe);
    }
}
