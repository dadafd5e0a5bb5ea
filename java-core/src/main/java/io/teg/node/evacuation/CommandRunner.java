package io.teg.node.evacuation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (scontrol, a checkpoint script); a seam so that tests can record instead. */
@FunctionalInterface
public interface CommandRunner {

    /** The command's exit status and its combined output. */
    record Result(int exitCode, String output) {
    }

    Result run(List<String> argv);

    /** Runs the command for real, with a time limit in seconds; a command that cannot start gives exit code 127. */
    static CommandRunner system(long timeoutSeconds) {
        return argv -> {
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                return new Result(127, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(130, "interrupted");
            }
        };
    }
}
