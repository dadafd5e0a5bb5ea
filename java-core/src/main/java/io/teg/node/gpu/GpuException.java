package io.teg.node.gpu;

/**
 * A GPU library call failed: which call, on which GPU, the library's code and its text
 * (NVML: 1 uninitialised, 2 invalid argument, 3 not supported, 4 no permission, ...).
 */
public final class GpuException extends RuntimeException {

    /** NVML_ERROR_UNINITIALIZED. */
    public static final int UNINITIALIZED = 1;
    /** NVML_ERROR_INVALID_ARGUMENT (also: a limit out of the constraints). */
    public static final int INVALID_ARGUMENT = 2;
    /** NVML_ERROR_NOT_SUPPORTED. */
    public static final int NOT_SUPPORTED = 3;
    /** NVML_ERROR_NO_PERMISSION. */
    public static final int NO_PERMISSION = 4;

    private final String function;
    private final int gpu;
    private final int code;

    public GpuException(String function, int gpu, int code, String reason) {
        super(function + (gpu >= 0 ? " (GPU " + gpu + ")" : "") + ": " + reason + " (code " + code + ")");
        this.function = function;
        this.gpu = gpu;
        this.code = code;
    }

    public String function() {
        return function;
    }

    /** GPU index, or −1 for calls on the library. */
    public int gpu() {
        return gpu;
    }

    public int code() {
        return code;
    }
}
