package io.tally.core.domain.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalizes phone numbers (E.164) and emails (trimmed, lower-cased) and replaces them by a keyed hash:
 * HMAC-SHA256 under a per-brand key derived from the deployment's secret, so the same person's email gives the
 * same token within a brand, different tokens across brands, and nothing reversible anywhere.
 */
public final class PiiHasher {

    /** Prefix of hashed tokens, so already-hashed values are recognized and never hashed twice. */
    public static final String TOKEN_PREFIX = "h1_";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{6,15}");

    private final byte[] secret;

    /** @param secret the deployment's hashing secret, at least 16 bytes */
    public PiiHasher(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the PII hashing secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public static boolean isToken(Object value) {
        return value instanceof String s && s.startsWith(TOKEN_PREFIX);
    }

    /** The token of an email, or empty if it is not an email address. */
    public Optional<String> email(String brandId, String raw) {
        String normalized = raw.trim().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(normalized).matches() ? Optional.of(token(brandId, "email", normalized)) : Optional.empty();
    }

    /**
     * The token of a phone number in E.164 form: {@code +<country><number>}; {@code 00} counts as {@code +};
     * a number without either gets {@code defaultCallingCode}, or is refused when there is none.
     */
    public Optional<String> phone(String brandId, String raw, String defaultCallingCode) {
        return normalizePhone(raw, defaultCallingCode).map(e164 -> token(brandId, "phone", e164));
    }

    /**
     * E.164 form of {@code raw}: separators (spaces, dots, dashes, parentheses) and a parenthesized trunk zero
     * ({@code +44 (0)20 …}) dropped; {@code 00} read as {@code +}; a national number takes
     * {@code defaultCallingCode} in place of its trunk zero. Empty when it cannot be a phone number.
     */
    static Optional<String> normalizePhone(String raw, String defaultCallingCode) {
        String compact = raw.replace("(0)", "").replaceAll("[\\s().\\-]", "");
        String digits;
        if (compact.startsWith("+")) {
            digits = compact.substring(1);
        } else if (compact.startsWith("00")) {
            digits = compact.substring(2);
        } else if (defaultCallingCode != null) {
            digits = defaultCallingCode + (compact.startsWith("0") ? compact.substring(1) : compact);
        } else {
            return Optional.empty();
        }
        return DIGITS.matcher(digits).matches() && digits.charAt(0) != '0' ? Optional.of("+" + digits) : Optional.empty();
    }

    private String token(String brandId, String kind, String normalized) {
        byte[] brandKey = hmac(secret, "tally-brand:" + brandId);
        byte[] digest = hmac(brandKey, kind + ':' + normalized);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
