/** C6 — human rights policies and processes (para 61) and C7 — severe negative human rights incidents (para 62). */
import { z } from "zod";
import { longText, shortText, strictObject } from "../common";
import { addIssue, noDuplicates, yesNo } from "./rules";

/** Members of `TypeOfContentCoveredBy…` and `TypeOfHumanRightRelatedToTheConfirmedIncident`, in the taxonomy's order. */
export const HUMAN_RIGHTS_TOPICS = ["child_labour", "forced_labour", "human_trafficking", "discrimination", "accident_prevention", "other"] as const;
export const HumanRightsTopicSchema = z.enum(HUMAN_RIGHTS_TOPICS, { error: "Choose a topic" });

const narrative = () => longText(10_000);

export const HumanRightsPoliciesSectionSchema = strictObject({
  status: z.literal("reported"),
  /** 61(a) */
  hasCodeOfConductOrHumanRightsPolicy: yesNo().optional(),
  /** 61(b) */
  policyCovers: z.array(HumanRightsTopicSchema).max(HUMAN_RIGHTS_TOPICS.length).optional(),
  otherPolicyContent: shortText(500).optional(),
  /** 61(c) */
  hasComplaintsMechanism: yesNo().optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["policyCovers"], s.policyCovers, "the topics covered");
    if (s.hasCodeOfConductOrHumanRightsPolicy === false && (s.policyCovers?.length ?? 0) > 0) {
      addIssue(ctx, ["policyCovers"], "You answered that there is no code of conduct or policy: remove the topics, or answer yes");
    }
    if (s.policyCovers?.includes("other") && s.otherPolicyContent === undefined) addIssue(ctx, ["otherPolicyContent"], "Say what other content the policy covers");
    if (s.otherPolicyContent !== undefined && !s.policyCovers?.includes("other")) addIssue(ctx, ["otherPolicyContent"], 'Tick "other" to describe other content');
  })
  .meta({ id: "HumanRightsPoliciesSection", description: "C6 — Human rights policies and processes for the own workforce." });
export type HumanRightsPoliciesSection = z.infer<typeof HumanRightsPoliciesSectionSchema>;

export const HumanRightsIncidentsSectionSchema = strictObject({
  status: z.literal("reported"),
  /** 62(a) */
  hasConfirmedIncidents: yesNo().optional(),
  incidentTopics: z.array(HumanRightsTopicSchema).max(HUMAN_RIGHTS_TOPICS.length).optional(),
  otherIncidentTopic: narrative().optional(),
  /** 62(b) */
  actionsTaken: narrative().optional(),
  /** 62(c) */
  awareOfValueChainIncidents: yesNo().optional(),
  valueChainIncidents: narrative().optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["incidentTopics"], s.incidentTopics, "the incident topics");
    if (s.hasConfirmedIncidents === false && ((s.incidentTopics?.length ?? 0) > 0 || s.actionsTaken !== undefined)) {
      addIssue(ctx, ["hasConfirmedIncidents"], "You answered that there were no confirmed incidents: remove the incident details, or answer yes");
    }
    if (s.incidentTopics?.includes("other") && s.otherIncidentTopic === undefined) addIssue(ctx, ["otherIncidentTopic"], "Say which other human right the incident concerned");
    if (s.awareOfValueChainIncidents === false && s.valueChainIncidents !== undefined) {
      addIssue(ctx, ["valueChainIncidents"], "You answered that you are not aware of value-chain incidents: remove the description, or answer yes");
    }
  })
  .meta({ id: "HumanRightsIncidentsSection", description: "C7 — Severe negative human rights incidents." });
export type HumanRightsIncidentsSection = z.infer<typeof HumanRightsIncidentsSectionSchema>;
