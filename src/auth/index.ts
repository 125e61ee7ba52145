/** Who may sign in: the users file, password hashes and the sign-in limiter. Imports nothing of dossier. */
export { SignInLimiter } from './sign-in-limiter.js';
export { addUser, isUserName, readUsers, removeUser, userDirectory, type UserDirectory, usersFile, usersFileDirectory } from './users.js';
