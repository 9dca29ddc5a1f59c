/* sim-demo.h — the fixed facts of every simulated world, shared by the
 * simulator and the test-side client (simclient.h).  docs/simulator.md
 * lists them for humans.
 */
#ifndef SIM_DEMO_H
#define SIM_DEMO_H

/* The account that logs in with PASS. */
#define SIM_DEMO_EMAIL "demo@linchat.test"
#define SIM_DEMO_PASSWORD "demo-password"
#define SIM_CHALLENGE_EMAIL "challenge@linchat.test"
#define SIM_DEMO_PUBLIC_ID "demo-user"
#define SIM_DEMO_PROFILE_ID "ACoAABDemoUser0LinchatSim0000000000001"
#define SIM_DEMO_PROFILE_URN "urn:li:fsd_profile:" SIM_DEMO_PROFILE_ID

/* A pre-minted session of the demo account, valid from start-up, for
 * testing cookie import.  The JSESSIONID cookie carries its quotes; the
 * csrf-token header is the same value without them. */
#define SIM_DEMO_LI_AT "AQEDASimDemoPreMintedSession0000000000000001"
#define SIM_DEMO_JSESSIONID "\"ajax:1234567890123456789\""
#define SIM_DEMO_CSRF "ajax:1234567890123456789"

/* Two members every world has (connection distance 2 and 1). */
#define SIM_GRACE_PUBLIC_ID "grace-h"
#define SIM_GRACE_PROFILE_ID "ACoAACGraceHopper00000000000000000000001"
#define SIM_BILL_PUBLIC_ID "billy-g"
#define SIM_BILL_PROFILE_ID "ACoAACBillGates000000000000000000000002"

#endif
