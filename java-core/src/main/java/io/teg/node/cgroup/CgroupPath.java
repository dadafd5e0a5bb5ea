package io.teg.node.cgroup;

import java.util.regex.Pattern;

/**
 * A cgroup named relative to the root of a hierarchy, e.g. {@code teg/job_42} or {@code slurm/uid_1000/job_42}.
 * The same relative path names the job's cgroup in every hierarchy the controller uses (v1 memory, v1 freezer,
 * the v2 unified tree).
 *
 * @param relative slash-separated segments of letters, digits, '_', '-', '.' (never "." or "..")
 */
public record CgroupPath(String relative) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    public CgroupPath {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/")) {
            throw new IllegalArgumentException("cgroup path must be relative and non-empty: '" + relative + "'");
        }
        for (String s : relative.split("/", -1)) {
            if (!SEGMENT.matcher(s).matches() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("cgroup path segment '" + s + "' is not allowed in '" + relative + "'");
            }
        }
    }

    /** The child {@code this/name}. */
    public CgroupPath child(String name) {
        return new CgroupPath(relative + "/" + name);
    }

    /** The parent, or null for a single segment. */
    public CgroupPath parent() {
        int i = relative.lastIndexOf('/');
        return i < 0 ? null : new CgroupPath(relative.substring(0, i));
    }

    /** The last segment. */
    public String name() {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return relative;
    }
}
