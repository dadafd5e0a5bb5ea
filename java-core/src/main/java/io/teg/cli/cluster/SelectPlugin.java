package io.teg.cli.cluster;

import java.util.Locale;

/** The node-selection plugin a local cluster's slurmctld loads ({@code SelectType} in slurm.conf). */
public enum SelectPlugin {
    /** Slurm's own consumable-resource plugin: the baseline. */
    CONS_TRES("select/cons_tres"),
    /** TEG's plugin, which forwards to cons_tres and narrows the candidate nodes with the engine. */
    TEG("select/teg");

    private final String selectType;

    SelectPlugin(String selectType) {
        this.selectType = selectType;
    }

    /** The value of {@code SelectType=}. */
    public String selectType() {
        return selectType;
    }

    /** The name on the command line: {@code cons_tres} or {@code teg}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code teg} or {@code cons_tres}; anything else is an error that names the accepted values. */
    public static SelectPlugin parse(String s) {
        for (SelectPlugin p : values()) {
            if (p.cliName().equals(s) || p.selectType.equals(s)) return p;
        }
        throw new IllegalArgumentException("--select=" + s + ": expected teg or cons_tres");
    }
}
