import { int, shapes, str } from './shapes.ts';

/** The members of the group operations (AWS model). */
export const groupMembers = {
  UserPoolId: shapes.userPoolId(),
  GroupName: shapes.groupName(),
  Description: str({ max: 2048 }).optional(),
  RoleArn: shapes.arn().optional(),
  // PrecedenceType is a 32-bit Integer in the model.
  Precedence: int({ min: 0, max: 2147483647 }).optional(),
  Limit: shapes.limit().optional(),
  NextToken: shapes.paginationToken().optional(),
};
