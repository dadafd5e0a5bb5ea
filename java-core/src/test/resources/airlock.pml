/*
 * The memory airlock of one node (java-core/src/main/java/io/teg/node/airlock/Airlock.java), two jobs, memory in
 * abstract units. Same phases and transitions as the Java state machine:
 *
 *   CALM ──(used ≥ 0.9 U)──► GLASSY: running jobs get memory.high = max(q, u + ⌊H/n⌋)
 *   GLASSY ──(both press, ⌊H/n⌋ = 0)──► WEAKER_FROZEN: 1 freeze the weaker
 *   WEAKER_FROZEN ──► EVACUATING: 2 freeze the stronger if it still presses with no headroom; 3 evacuate the weaker
 *   EVACUATING ──(weaker gone)──► 4 thaw the stronger, settle (GLASSY or CALM)
 *   GLASSY ──(used < 0.8 U)──► CALM: memory.high cleared
 *
 * Jobs grow one unit at a time, at most G units between two observations of the agent (the agent samples faster
 * than jobs grow); a job is held at its memory.high (the kernel throttles it: v2 memory.high, or v1 hard limit with
 * oom_kill_disable); an evacuated job may use the reserve while it leaves. The evacuation timeout and its harder
 * modes do not change the phases and are left out.
 *
 * Checked by spin (JUnit: SpinAirlockModelTest):
 *   - assertions: the node never holds more than C (no OOM kill), and after every agent step no two running jobs
 *     press on their memory.high while the node has no headroom;
 *   - no invalid end states (no deadlock);
 *   - LTL "done" under weak fairness: every job eventually leaves (completes or is evacuated).
 */
#define N 2
#define C 20
#define U 19            /* usable: floor(C (1 - 0.05)) */
#define G 1
#define NOHIGH 255
#define NONE 255
#define Q 2             /* each job's request */

mtype = { CALM, GLASSY, WEAKER_FROZEN, EVACUATING };
mtype phase = CALM;

byte u[N];
byte T[N];
byte high[N] = NOHIGH;
bool present[N] = true;
bool frozen[N];
bool growing[N];
bool evac[N];
bool listed[N];         /* the airlock's weaker jobs */
byte stronger = NONE;
bool strongerFrozen = false;
byte grown = 0;

/* job 0 is the weaker (lower strength) of the two */
#define WEAKER 0
#define pressing(j) (present[j] && !frozen[j] && growing[j] && high[j] != NOHIGH && u[j] >= high[j])
#define used (u[0] + u[1])
#define H (used < U -> U - used : 0)
#define running ((present[0] && !frozen[0]) + (present[1] && !frozen[1]))
#define exhausted (running == 0 || H / running == 0)

bool finished = false;   /* set by the agent once both jobs have left */

ltl done { <> finished }

inline setHighs() {
    if
    :: running > 0 ->
        slice = H / running;
        j = 0;
        do
        :: j < N ->
            if
            :: present[j] && !frozen[j] ->
                if
                :: Q > u[j] + slice -> high[j] = Q
                :: else -> high[j] = u[j] + slice
                fi
            :: else -> skip
            fi;
            j++
        :: else -> break
        od
    :: else -> skip
    fi
}

inline settle(wasGlassy) {
    if
    :: (wasGlassy && used * 10 >= 8 * U) || (!wasGlassy && used * 10 >= 9 * U) ->
        setHighs();
        if
        :: pressing(0) && pressing(1) && exhausted ->
            frozen[WEAKER] = true;              /* step 1 */
            listed[WEAKER] = true;
            stronger = 1 - WEAKER;
            strongerFrozen = false;
            phase = WEAKER_FROZEN
        :: else -> phase = GLASSY
        fi
    :: else ->
        j = 0;
        do
        :: j < N -> if :: present[j] && !frozen[j] -> high[j] = NOHIGH :: else -> skip fi; j++
        :: else -> break
        od;
        phase = CALM
    fi
}

inline thawAndSettle() {
    if
    :: strongerFrozen -> frozen[stronger] = false; growing[stronger] = false   /* step 4 */
    :: else -> skip
    fi;
    stronger = NONE;
    strongerFrozen = false;
    listed[0] = false;
    listed[1] = false;
    settle(true)
}

/* Jobs other than the stronger that press while the airlock is open join the weaker ones (frozen; evacuated too in EVACUATING). */
inline joinNewcomers(evacuateToo) {
    j = 0;
    do
    :: j < N ->
        if
        :: j != stronger && !listed[j] && pressing(j) ->
            frozen[j] = true; listed[j] = true;
            if :: evacuateToo -> evac[j] = true :: else -> skip fi
        :: else -> skip
        fi;
        j++
    :: else -> break
    od
}

inline agentStep() {
    /* a job held at its memory.high wants more for as long as it is held (v2: memory.events "high" keeps rising;
       v1: under_oom stays 1), so it is seen growing at every observation */
    growing[0] = growing[0] || (present[0] && !frozen[0] && !evac[0] && u[0] < T[0] && high[0] != NOHIGH && u[0] >= high[0]);
    growing[1] = growing[1] || (present[1] && !frozen[1] && !evac[1] && u[1] < T[1] && high[1] != NOHIGH && u[1] >= high[1]);
    listed[0] = listed[0] && present[0];
    listed[1] = listed[1] && present[1];
    if
    :: phase == CALM -> settle(false)
    :: phase == GLASSY -> settle(true)
    :: phase == WEAKER_FROZEN ->
        if
        :: !present[stronger] && !listed[0] && !listed[1] ->
            stronger = NONE; settle(true)
        :: !present[stronger] && (listed[0] || listed[1]) ->
            /* the strongest weaker job takes the stronger's place; it is frozen and owed a thaw */
            stronger = (listed[1] -> 1 : 0);
            listed[stronger] = false;
            strongerFrozen = true;
            joinNewcomers(false);
            if
            :: !listed[0] && !listed[1] -> thawAndSettle()
            :: else -> goto evacuate
            fi
        :: present[stronger] ->
            joinNewcomers(false);
            if
            :: !listed[0] && !listed[1] -> thawAndSettle()
            :: else ->
evacuate:       if
                :: !strongerFrozen && pressing(stronger) && exhausted ->
                    frozen[stronger] = true; strongerFrozen = true      /* step 2 */
                :: else -> skip
                fi;
                evac[0] = evac[0] || listed[0];                          /* step 3 */
                evac[1] = evac[1] || listed[1];
                phase = EVACUATING
            fi
        fi
    :: phase == EVACUATING ->
        joinNewcomers(true);
        if
        :: !listed[0] && !listed[1] ->
            if
            :: stronger != NONE && present[stronger] -> thawAndSettle()
            :: else -> stronger = NONE; strongerFrozen = false; settle(true)
            fi
        :: else -> skip
        fi
    fi
}

active proctype agent() {
    byte j, slice;
    do
    :: present[0] || present[1] ->
        atomic {
            agentStep();
            assert(!(pressing(0) && pressing(1) && exhausted));
            growing[0] = false;
            growing[1] = false;
            grown = 0
        }
    :: else -> finished = true; break
    od
}

proctype job(byte me) {
    do
    :: atomic { !frozen[me] && !evac[me] && grown < G && u[me] < T[me] && (high[me] == NOHIGH || u[me] < high[me]) ->
            u[me]++; grown++; growing[me] = true; assert(used <= C) }
    :: atomic { !frozen[me] && !evac[me] && u[me] == T[me] -> u[me] = 0; present[me] = false; break }   /* completes */
    :: atomic { evac[me] && grown < G && u[me] < T[me] && used < C -> u[me]++; grown++; assert(used <= C) }   /* leaves through the reserve */
    :: atomic { evac[me] -> u[me] = 0; present[me] = false; frozen[me] = false; break }                        /* has left */
    od
}

init {
    atomic {
        if :: T[0] = 6 :: T[0] = 12 :: T[0] = 17 fi;
        if :: T[1] = 6 :: T[1] = 12 :: T[1] = 17 fi;
        run job(0); run job(1)
    }
}
