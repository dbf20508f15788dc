package io.tally.core.domain.segment;

import io.tally.core.domain.consumer.ConsumerProfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An audience file for ad platforms, as CSV (RFC 4180, UTF-8, {@code \n} line ends): one row per member with its
 * consumer id and hashed identifiers, never a raw one. Columns:
 *
 * <ul>
 *   <li>{@code consumer_id}, {@code entered_at};</li>
 *   <li>{@code channels}: the channels the consumer was seen in, {@code |}-separated;</li>
 *   <li>{@code email_token}, {@code phone_token}: Tally's keyed hashes ({@code h1_…}), as stored; Tally never holds
 *       the raw values, so these match only lists hashed under the same brand key;</li>
 *   <li>{@code user_id_sha256}, {@code anonymous_id_sha256}, {@code device_id_sha256}: lower-case hex SHA-256 of the
 *       identifier's value;</li>
 *   <li>{@code member_<channel>_sha256}: one column per channel with member ids (sorted by channel), hex SHA-256 of the
 *       channel's member id.</li>
 * </ul>
 * A consumer with several identifiers of one kind lists them all, {@code |}-separated, in sorted order.
 */
public final class AudienceCsv {

    private static final List<String> FIXED = List.of("consumer_id", "entered_at", "channels", "email_token",
            "phone_token", "user_id_sha256", "anonymous_id_sha256", "device_id_sha256");

    private AudienceCsv() {
    }

    /**
     * @param members  the members, in file order
     * @param profiles the members' profiles by consumer id; a member without a profile (erased since) is left out
     * @return the file's bytes and the rows written
     */
    public static Rendered render(List<Member> members, Map<String, ConsumerProfile> profiles) {
        TreeSet<String> memberChannels = new TreeSet<>();
        List<Map<String, TreeSet<String>>> rows = new ArrayList<>();
        List<Member> written = new ArrayList<>();
        for (Member member : members) {
            ConsumerProfile profile = profiles.get(member.consumerId());
            if (profile == null || profile.merged()) {
                continue;
            }
            Map<String, TreeSet<String>> row = new TreeMap<>();
            for (String identifier : profile.identifiers()) {
                int colon = identifier.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String type = identifier.substring(0, colon);
                String value = identifier.substring(colon + 1);
                switch (type) {
                    case "email" -> add(row, "email_token", value);
                    case "phone" -> add(row, "phone_token", value);
                    case "userId" -> add(row, "user_id_sha256", sha256(value));
                    case "anonymousId" -> add(row, "anonymous_id_sha256", sha256(value));
                    case "device" -> add(row, "device_id_sha256", sha256(value));
                    case "member" -> {
                        int split = value.indexOf(':');
                        if (split > 0) {
                            String channel = value.substring(0, split);
                            memberChannels.add(channel);
                            add(row, memberColumn(channel), sha256(value.substring(split + 1)));
                        }
                    }
                    default -> {
                        // other identifier kinds are not exported
                    }
                }
            }
            row.put("channels", new TreeSet<>(profile.channels()));
            rows.add(row);
            written.add(member);
        }
        List<String> header = new ArrayList<>(FIXED);
        memberChannels.forEach(channel -> header.add(memberColumn(channel)));
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, TreeSet<String>> row = rows.get(i);
            Member member = written.get(i);
            List<String> cells = new ArrayList<>(header.size());
            cells.add(member.consumerId());
            cells.add(member.enteredAt().toString());
            for (String column : header.subList(2, header.size())) {
                cells.add(String.join("|", row.getOrDefault(column, new TreeSet<>())));
            }
            line(out, cells);
        }
        return new Rendered(out.toString().getBytes(StandardCharsets.UTF_8), rows.size());
    }

    /**
     * A rendered file.
     *
     * @param bytes the CSV
     * @param rows  data rows (the header aside)
     */
    public record Rendered(byte[] bytes, long rows) {
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code value}. */
    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String memberColumn(String channel) {
        return "member_" + channel + "_sha256";
    }

    private static void add(Map<String, TreeSet<String>> row, String column, String value) {
        row.computeIfAbsent(column, c -> new TreeSet<>()).add(value);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
