/**
 * The memory airlock of one node: a pure state machine, shared by the node agent (which drives real cgroups) and
 * the simulator (which drives simulated tasks). One policy, no copy.
 *
 * <pre>
 *   NodeObservation ──► Airlock.step(AirlockState, NodeObservation) ──► AirlockStep(next state, actions)
 *        ▲                                                                        │
 *        └──────────── driver (cgroups / simulator) applies the actions in order ◄┘
 * </pre>
 *
 * <p>Phases, in the order of ARCHITECTURE section 7:
 * <pre>
 *   CALM ──(used &ge; enter x usable)──► GLASSY: expanding tenants get memory.high (reclaim, throttle, no kill)
 *   GLASSY ──(&ge; 2 tenants pressing, no headroom)──► 1 FREEZE the weaker (pages to compressed swap where present)
 *   WEAKER_FROZEN ──► 2 FREEZE the stronger too, if it keeps pressing; 3 EVACUATE the weaker (reserve)
 *   EVACUATING ──(weaker gone)──► 4 THAW the stronger ──► GLASSY
 * </pre>
 *
 * <p>No I/O, no clock: time comes in with each observation. Every type is immutable.
 */
package io.teg.node.airlock;
