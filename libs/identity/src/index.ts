export * from './identity.module';
export * from './token.service';
export * from './user.repository';
export * from './user.entity';
export * from './demo-accounts';
export { UserModel } from './dto/user.model';
export * from './password-hasher';
export { ReviewerApplicationEntity } from './reviewer-application.entity';
export * from './reviewer-vetting';
