import type { Operation } from './operation.ts';

// Pools
import CreateUserPool from './CreateUserPool.ts';
import DescribeUserPool from './DescribeUserPool.ts';
import DeleteUserPool from './DeleteUserPool.ts';
import ListUserPools from './ListUserPools.ts';
import UpdateUserPool from './UpdateUserPool.ts';

// App clients
import CreateUserPoolClient from './CreateUserPoolClient.ts';
import DeleteUserPoolClient from './DeleteUserPoolClient.ts';
import DescribeUserPoolClient from './DescribeUserPoolClient.ts';
import ListUserPoolClients from './ListUserPoolClients.ts';
import UpdateUserPoolClient from './UpdateUserPoolClient.ts';

// Domains and resource servers
import CreateResourceServer from './CreateResourceServer.ts';
import CreateUserPoolDomain from './CreateUserPoolDomain.ts';
import DeleteResourceServer from './DeleteResourceServer.ts';
import DeleteUserPoolDomain from './DeleteUserPoolDomain.ts';
import DescribeResourceServer from './DescribeResourceServer.ts';
import DescribeUserPoolDomain from './DescribeUserPoolDomain.ts';
import ListResourceServers from './ListResourceServers.ts';
import UpdateResourceServer from './UpdateResourceServer.ts';
import UpdateUserPoolDomain from './UpdateUserPoolDomain.ts';

// Groups
import AdminAddUserToGroup from './AdminAddUserToGroup.ts';
import AdminListGroupsForUser from './AdminListGroupsForUser.ts';
import AdminRemoveUserFromGroup from './AdminRemoveUserFromGroup.ts';
import CreateGroup from './CreateGroup.ts';
import DeleteGroup from './DeleteGroup.ts';
import GetGroup from './GetGroup.ts';
import ListGroups from './ListGroups.ts';
import ListUsersInGroup from './ListUsersInGroup.ts';
import UpdateGroup from './UpdateGroup.ts';

// Sign-up and recovery
import ConfirmForgotPassword from './ConfirmForgotPassword.ts';
import ConfirmSignUp from './ConfirmSignUp.ts';
import ForgotPassword from './ForgotPassword.ts';
import ResendConfirmationCode from './ResendConfirmationCode.ts';
import SignUp from './SignUp.ts';

// Users (admin)
import AdminConfirmSignUp from './AdminConfirmSignUp.ts';
import AdminCreateUser from './AdminCreateUser.ts';
import AdminDeleteUser from './AdminDeleteUser.ts';
import AdminDeleteUserAttributes from './AdminDeleteUserAttributes.ts';
import AdminDisableUser from './AdminDisableUser.ts';
import AdminEnableUser from './AdminEnableUser.ts';
import AdminGetUser from './AdminGetUser.ts';
import AdminResetUserPassword from './AdminResetUserPassword.ts';
import AdminSetUserPassword from './AdminSetUserPassword.ts';
import AdminUpdateUserAttributes from './AdminUpdateUserAttributes.ts';
import ListUsers from './ListUsers.ts';

// Sign-in
import AdminInitiateAuth from './AdminInitiateAuth.ts';
import AdminRespondToAuthChallenge from './AdminRespondToAuthChallenge.ts';
import InitiateAuth from './InitiateAuth.ts';
import RespondToAuthChallenge from './RespondToAuthChallenge.ts';

// Tokens and self-service
import AdminUserGlobalSignOut from './AdminUserGlobalSignOut.ts';
import ChangePassword from './ChangePassword.ts';
import DeleteUser from './DeleteUser.ts';
import DeleteUserAttributes from './DeleteUserAttributes.ts';
import GetTokensFromRefreshToken from './GetTokensFromRefreshToken.ts';
import GetUser from './GetUser.ts';
import GetUserAttributeVerificationCode from './GetUserAttributeVerificationCode.ts';
import GlobalSignOut from './GlobalSignOut.ts';
import RevokeToken from './RevokeToken.ts';
import UpdateUserAttributes from './UpdateUserAttributes.ts';
import VerifyUserAttribute from './VerifyUserAttribute.ts';

// Devices
import AdminForgetDevice from './AdminForgetDevice.ts';
import AdminGetDevice from './AdminGetDevice.ts';
import AdminListDevices from './AdminListDevices.ts';
import AdminUpdateDeviceStatus from './AdminUpdateDeviceStatus.ts';
import ConfirmDevice from './ConfirmDevice.ts';
import ForgetDevice from './ForgetDevice.ts';
import GetDevice from './GetDevice.ts';
import ListDevices from './ListDevices.ts';
import UpdateDeviceStatus from './UpdateDeviceStatus.ts';

// MFA
import AdminSetUserMFAPreference from './AdminSetUserMFAPreference.ts';
import AdminSetUserSettings from './AdminSetUserSettings.ts';
import AssociateSoftwareToken from './AssociateSoftwareToken.ts';
import GetUserPoolMfaConfig from './GetUserPoolMfaConfig.ts';
import SetUserMFAPreference from './SetUserMFAPreference.ts';
import SetUserPoolMfaConfig from './SetUserPoolMfaConfig.ts';
import SetUserSettings from './SetUserSettings.ts';
import VerifySoftwareToken from './VerifySoftwareToken.ts';
import AdminDeleteSoftwareToken from './AdminDeleteSoftwareToken.ts';

// Passkeys
import AdminGetUserAuthFactors from './AdminGetUserAuthFactors.ts';
import CompleteWebAuthnRegistration from './CompleteWebAuthnRegistration.ts';
import DeleteWebAuthnCredential from './DeleteWebAuthnCredential.ts';
import GetUserAuthFactors from './GetUserAuthFactors.ts';
import ListWebAuthnCredentials from './ListWebAuthnCredentials.ts';
import StartWebAuthnRegistration from './StartWebAuthnRegistration.ts';

// Auth events
import AdminListUserAuthEvents from './AdminListUserAuthEvents.ts';
import AdminUpdateAuthEventFeedback from './AdminUpdateAuthEventFeedback.ts';
import UpdateAuthEventFeedback from './UpdateAuthEventFeedback.ts';
// App client secrets
import AddUserPoolClientSecret from './AddUserPoolClientSecret.ts';
import DeleteUserPoolClientSecret from './DeleteUserPoolClientSecret.ts';
import ListUserPoolClientSecrets from './ListUserPoolClientSecrets.ts';

// Pool settings
import AddCustomAttributes from './AddCustomAttributes.ts';
import GetSigningCertificate from './GetSigningCertificate.ts';
import ListTagsForResource from './ListTagsForResource.ts';
import TagResource from './TagResource.ts';
import UntagResource from './UntagResource.ts';
import GetUICustomization from './GetUICustomization.ts';
import SetUICustomization from './SetUICustomization.ts';
import GetLogDeliveryConfiguration from './GetLogDeliveryConfiguration.ts';
import SetLogDeliveryConfiguration from './SetLogDeliveryConfiguration.ts';
import DescribeRiskConfiguration from './DescribeRiskConfiguration.ts';
import SetRiskConfiguration from './SetRiskConfiguration.ts';

// Session configuration
import GetUserPoolSessionConfiguration from './GetUserPoolSessionConfiguration.ts';
import SetUserPoolSessionConfiguration from './SetUserPoolSessionConfiguration.ts';
import GetUserPoolClientSessionConfiguration from './GetUserPoolClientSessionConfiguration.ts';
import SetUserPoolClientSessionConfiguration from './SetUserPoolClientSessionConfiguration.ts';

// Managed login branding and terms
import CreateManagedLoginBranding from './CreateManagedLoginBranding.ts';
import DeleteManagedLoginBranding from './DeleteManagedLoginBranding.ts';
import DescribeManagedLoginBranding from './DescribeManagedLoginBranding.ts';
import DescribeManagedLoginBrandingByClient from './DescribeManagedLoginBrandingByClient.ts';
import UpdateManagedLoginBranding from './UpdateManagedLoginBranding.ts';
import CreateTerms from './CreateTerms.ts';
import DeleteTerms from './DeleteTerms.ts';
import DescribeTerms from './DescribeTerms.ts';
import DescribeTermsByClient from './DescribeTermsByClient.ts';
import ListTerms from './ListTerms.ts';
import UpdateTerms from './UpdateTerms.ts';

// Replicas and provisioned limits
import CreateUserPoolReplica from './CreateUserPoolReplica.ts';
import DeleteUserPoolReplica from './DeleteUserPoolReplica.ts';
import ListUserPoolReplicas from './ListUserPoolReplicas.ts';
import UpdateUserPoolReplica from './UpdateUserPoolReplica.ts';
import GetProvisionedLimit from './GetProvisionedLimit.ts';
import UpdateProvisionedLimit from './UpdateProvisionedLimit.ts';

// User import
import GetCSVHeader from './GetCSVHeader.ts';
import CreateUserImportJob from './CreateUserImportJob.ts';
import StartUserImportJob from './StartUserImportJob.ts';
import StopUserImportJob from './StopUserImportJob.ts';
import DescribeUserImportJob from './DescribeUserImportJob.ts';
import ListUserImportJobs from './ListUserImportJobs.ts';

// User sessions
import AdminListUserSessions from './AdminListUserSessions.ts';
import AdminRevokeUserSession from './AdminRevokeUserSession.ts';
import ListUserSessions from './ListUserSessions.ts';
import RevokeUserSession from './RevokeUserSession.ts';

// Machine-to-machine tokens
import GetClientToken from './GetClientToken.ts';

/** Every implemented operation, by wire name. */
export const operations: ReadonlyMap<string, Operation> = new Map(
  (
    [
      // Pools
      CreateUserPool,
      DescribeUserPool,
      DeleteUserPool,
      ListUserPools,
      UpdateUserPool,
      // App clients
      CreateUserPoolClient,
      DeleteUserPoolClient,
      DescribeUserPoolClient,
      ListUserPoolClients,
      UpdateUserPoolClient,
      // Domains and resource servers
      CreateResourceServer,
      CreateUserPoolDomain,
      DeleteResourceServer,
      DeleteUserPoolDomain,
      DescribeResourceServer,
      DescribeUserPoolDomain,
      ListResourceServers,
      UpdateResourceServer,
      UpdateUserPoolDomain,
      // Groups
      AdminAddUserToGroup,
      AdminListGroupsForUser,
      AdminRemoveUserFromGroup,
      CreateGroup,
      DeleteGroup,
      GetGroup,
      ListGroups,
      ListUsersInGroup,
      UpdateGroup,
      // Sign-up and recovery
      ConfirmForgotPassword,
      ConfirmSignUp,
      ForgotPassword,
      ResendConfirmationCode,
      SignUp,
      // Users (admin)
      AdminConfirmSignUp,
      AdminCreateUser,
      AdminDeleteUser,
      AdminDeleteUserAttributes,
      AdminDisableUser,
      AdminEnableUser,
      AdminGetUser,
      AdminResetUserPassword,
      AdminSetUserPassword,
      AdminUpdateUserAttributes,
      ListUsers,
      // Sign-in
      AdminInitiateAuth,
      AdminRespondToAuthChallenge,
      InitiateAuth,
      RespondToAuthChallenge,
      // Tokens and self-service
      AdminUserGlobalSignOut,
      ChangePassword,
      DeleteUser,
      DeleteUserAttributes,
      GetTokensFromRefreshToken,
      GetUser,
      GetUserAttributeVerificationCode,
      GlobalSignOut,
      RevokeToken,
      UpdateUserAttributes,
      VerifyUserAttribute,
      // Devices
      AdminForgetDevice,
      AdminGetDevice,
      AdminListDevices,
      AdminUpdateDeviceStatus,
      ConfirmDevice,
      ForgetDevice,
      GetDevice,
      ListDevices,
      UpdateDeviceStatus,
      // MFA
      AdminSetUserMFAPreference,
      AdminSetUserSettings,
      AssociateSoftwareToken,
      GetUserPoolMfaConfig,
      SetUserMFAPreference,
      SetUserPoolMfaConfig,
      SetUserSettings,
      VerifySoftwareToken,
      AdminDeleteSoftwareToken,
      // Passkeys
      AdminGetUserAuthFactors,
      CompleteWebAuthnRegistration,
      DeleteWebAuthnCredential,
      GetUserAuthFactors,
      ListWebAuthnCredentials,
      StartWebAuthnRegistration,
      // Auth events
      AdminListUserAuthEvents,
      AdminUpdateAuthEventFeedback,
      UpdateAuthEventFeedback,
      // App client secrets
      AddUserPoolClientSecret,
      DeleteUserPoolClientSecret,
      ListUserPoolClientSecrets,
      // Pool settings
      AddCustomAttributes,
      GetSigningCertificate,
      ListTagsForResource,
      TagResource,
      UntagResource,
      GetUICustomization,
      SetUICustomization,
      GetLogDeliveryConfiguration,
      SetLogDeliveryConfiguration,
      DescribeRiskConfiguration,
      SetRiskConfiguration,
      // Session configuration
      GetUserPoolSessionConfiguration,
      SetUserPoolSessionConfiguration,
      GetUserPoolClientSessionConfiguration,
      SetUserPoolClientSessionConfiguration,
      // Managed login branding and terms
      CreateManagedLoginBranding,
      DeleteManagedLoginBranding,
      DescribeManagedLoginBranding,
      DescribeManagedLoginBrandingByClient,
      UpdateManagedLoginBranding,
      CreateTerms,
      DeleteTerms,
      DescribeTerms,
      DescribeTermsByClient,
      ListTerms,
      UpdateTerms,
      // Replicas and provisioned limits
      CreateUserPoolReplica,
      DeleteUserPoolReplica,
      ListUserPoolReplicas,
      UpdateUserPoolReplica,
      GetProvisionedLimit,
      UpdateProvisionedLimit,
      // User import
      GetCSVHeader,
      CreateUserImportJob,
      StartUserImportJob,
      StopUserImportJob,
      DescribeUserImportJob,
      ListUserImportJobs,
      // User sessions
      AdminListUserSessions,
      AdminRevokeUserSession,
      ListUserSessions,
      RevokeUserSession,
      // Machine-to-machine tokens
      GetClientToken,
    ] satisfies Operation[]
  ).map((op) => [op.name, op]),
);
