import { z } from "zod";
import { PermissionSchema, RoleSchema, ApiKeyScopeSchema } from "../../auth";
import { ClerkOrganizationIdSchema, ClerkUserIdSchema, strictObject } from "../../common";
import { defineEndpoint } from "../contract";
import { EXAMPLE_IDS } from "../examples";

export const MeSchema = strictObject({
  /** The signed-in user; null for an API key. */
  userId: ClerkUserIdSchema.nullable(),
  organization: strictObject({
    id: ClerkOrganizationIdSchema,
    /** The company profile's name; null before the profile exists. */
    name: z.string().nullable(),
  }),
  /** The user's organization role; null for an API key (its scopes decide). */
  role: RoleSchema.nullable(),
  permissions: z.array(PermissionSchema),
  authenticatedBy: z.enum(["session", "api-key"]),
  /** The key used, when authenticated by API key. */
  apiKey: strictObject({
    id: z.string(),
    name: z.string().optional(),
    scopes: z.array(ApiKeyScopeSchema).optional(),
  }).nullable(),
}).meta({ id: "Me", description: "Who is calling, for which organization, with which permissions." });

export const getMe = defineEndpoint({
  operationId: "getMe",
  method: "get",
  path: "/me",
  tag: "Identity",
  summary: "Who am I",
  description: "The caller's identity, organization, role and permissions, and how the request was authenticated.",
  access: "signed-in",
  response: {
    status: 200,
    description: "The caller.",
    schema: MeSchema,
    example: {
      userId: EXAMPLE_IDS.user,
      organization: { id: EXAMPLE_IDS.organization, name: "Muster Bäckerei GmbH" },
      role: "org:member",
      permissions: ["company:read", "reports:read", "reference:read", "reports:write", "reports:submit"],
      authenticatedBy: "session",
      apiKey: null,
    },
  },
});
