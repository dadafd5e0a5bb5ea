package io.teg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in this JVM and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TegCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    static java.nio.file.Path data(String relative) {
        return Home.dataDir().resolve(relative);
    }
}
