package org.epgugateway.privacy;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets and personal data in text meant for logs and error files.
 *
 * <p>Secrets are always masked: values registered at run time (the API key, passwords, each access token as it is
 * obtained) and whatever looks like one (a bearer token, a JWT, a {@code signature=} parameter, a password
 * assignment). Personal data — SNILS, personal INN, full names, bare dates such as birth dates — is masked unless
 * an operator turns that off for debugging with {@code logging.unmask-personal-data=true}.
 */
public final class Redaction {

    private static final String MASK = "***";
    private static final int SHORTEST_SECRET = 6;

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static volatile boolean unmaskPersonalData;

    private static final List<Rule> SECRET_SHAPES = List.of(
            new Rule("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+", "$1" + MASK),
            new Rule("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+", MASK),
            // a signature parameter (base64 or base64url, maybe percent-encoded); not a word ending in
            // "signature" such as lenientSignature=false, and never past a comma that separates fields
            new Rule("(?i)(?<![a-z])(signature=)[A-Za-z0-9._~+/=%-]+", "$1" + MASK),
            new Rule("(?i)(ext-app/)[^/\\s\"']+", "$1" + MASK),
            new Rule("(?i)(password|passwd|passphrase|pin|secret)([\"']?\\s*[:=]\\s*[\"']?)[^\\s,;&\"'}]+",
                    "$1$2" + MASK));

    private static final List<Rule> PERSONAL_DATA = List.of(
            // SNILS: 11 digits, also written 123-456-789 01
            new Rule("(?<![\\d])\\d{3}-?\\d{3}-?\\d{3}[ -]?\\d{2}(?![\\d])", "***********"),
            // INN of a person: 12 digits (an organisation's 10-digit INN is not personal data)
            new Rule("(?<![\\d])\\d{12}(?![\\d])", "************"),
            // a bare date (birth dates, document dates); times with 'T' are left alone
            new Rule("(?<![\\d-])(?:19|20)\\d{2}-\\d{2}-\\d{2}(?![\\dT:])", "****-**-**"));

    /** Three capitalised Cyrillic words: surname, name and patronymic. */
    private static final Pattern FULL_NAME = Pattern.compile(
            "(?<![\\p{L}])([А-ЯЁ])[а-яё]+(?:-[А-ЯЁ][а-яё]+)?\\s+([А-ЯЁ])[а-яё]+\\s+([А-ЯЁ])[а-яё]+(?![\\p{L}])");

    private Redaction() {
    }

    /**
     * Registers a secret value so it is masked wherever it appears; short values are ignored, they would mask too
     * much.
     */
    public static void registerSecret(String value) {
        if (value != null && value.strip().length() >= SHORTEST_SECRET) {
            SECRETS.add(value.strip());
        }
    }

    /** Turns the masking of personal data off (for debugging) or on; secrets stay masked either way. */
    public static void unmaskPersonalData(boolean unmask) {
        unmaskPersonalData = unmask;
    }

    /**
     * The text with secrets, and unless turned off personal data, masked.
     *
     * @return the masked text; null for null
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        // longest first, so a secret that contains another is masked whole
        for (String secret : SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        for (Rule rule : SECRET_SHAPES) {
            masked = rule.apply(masked);
        }
        if (!unmaskPersonalData) {
            for (Rule rule : PERSONAL_DATA) {
                masked = rule.apply(masked);
            }
            masked = maskNames(masked);
        }
        return masked;
    }

    private static String maskNames(String text) {
        Matcher matcher = FULL_NAME.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, matcher.group(1) + "*** " + matcher.group(2) + "*** " + matcher.group(3)
                    + "***");
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** One replacement. */
    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }
}
