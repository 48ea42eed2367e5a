#include "ipc4j_win_security.h"

#include <aclapi.h>
#include <sddl.h>
#include <stdlib.h>
#include <string.h>

/* One piece of the process token (TokenUser, TokenOwner): malloc'd, or NULL with GetLastError set. */
static void *token_information(TOKEN_INFORMATION_CLASS what)
{
    HANDLE token;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        return NULL;
    }
    DWORD size = 0;
    GetTokenInformation(token, what, NULL, 0, &size);
    void *info = size == 0 ? NULL : malloc(size);
    if (info != NULL && !GetTokenInformation(token, what, info, size, &size)) {
        free(info);
        info = NULL;
    }
    DWORD error = GetLastError();
    CloseHandle(token);
    SetLastError(error);
    return info;
}

/* The process token's user: a malloc'd TOKEN_USER, or NULL with GetLastError set. */
static TOKEN_USER *current_user(void)
{
    return token_information(TokenUser);
}

int ipc4j_security_current_user(struct ipc4j_security *sec)
{
    memset(sec, 0, sizeof *sec);
    TOKEN_USER *user = current_user();
    if (user == NULL) {
        return ipc4j_win_error();
    }
    PSID sid = user->User.Sid;
    DWORD acl_size = (DWORD) (sizeof(ACL) + sizeof(ACCESS_ALLOWED_ACE) - sizeof(DWORD) + GetLengthSid(sid));
    ACL *acl = malloc(acl_size);
    int rc = 0;
    if (acl == NULL) {
        rc = -ERROR_NOT_ENOUGH_MEMORY;
    } else if (!InitializeAcl(acl, acl_size, ACL_REVISION) || !AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_ALL, sid)
               || !InitializeSecurityDescriptor(&sec->descriptor, SECURITY_DESCRIPTOR_REVISION)
               || !SetSecurityDescriptorDacl(&sec->descriptor, TRUE, acl, FALSE)
               || !SetSecurityDescriptorControl(&sec->descriptor, SE_DACL_PROTECTED, SE_DACL_PROTECTED)) {
        rc = ipc4j_win_error();
    }
    free(user); /* AddAccessAllowedAce copied the SID into the ACL */
    if (rc != 0) {
        free(acl);
        return rc;
    }
    sec->memory = acl;
    sec->attributes.nLength = sizeof sec->attributes;
    sec->attributes.lpSecurityDescriptor = &sec->descriptor;
    sec->attributes.bInheritHandle = FALSE;
    return 0;
}

void ipc4j_security_free(struct ipc4j_security *sec)
{
    free(sec->memory);
    sec->memory = NULL;
    if (sec->local_memory != NULL) {
        LocalFree(sec->local_memory);
        sec->local_memory = NULL;
    }
}

int ipc4j_security_from_sddl(const char *sddl, struct ipc4j_security *sec)
{
    memset(sec, 0, sizeof *sec);
    wchar_t *wide = ipc4j_win_utf16(sddl);
    if (wide == NULL) {
        return -ERROR_INVALID_PARAMETER;
    }
    PSECURITY_DESCRIPTOR descriptor = NULL;
    BOOL ok = ConvertStringSecurityDescriptorToSecurityDescriptorW(wide, SDDL_REVISION_1, &descriptor, NULL);
    int rc = ok ? 0 : ipc4j_win_error();
    free(wide);
    if (rc != 0) {
        return rc;
    }
    sec->local_memory = descriptor;
    sec->attributes.nLength = sizeof sec->attributes;
    sec->attributes.lpSecurityDescriptor = descriptor;
    sec->attributes.bInheritHandle = FALSE;
    return 0;
}

int ipc4j_security_owned_by_current_user(HANDLE handle)
{
    PSID owner = NULL;
    PSECURITY_DESCRIPTOR descriptor = NULL;
    DWORD error = GetSecurityInfo(handle, SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL, NULL, NULL,
                                  &descriptor);
    if (error != ERROR_SUCCESS) {
        return -(int) error;
    }
    TOKEN_USER *user = current_user();
    TOKEN_OWNER *default_owner = user == NULL ? NULL : token_information(TokenOwner);
    int rc;
    if (user == NULL || default_owner == NULL) {
        rc = ipc4j_win_error();
    } else {
        rc = owner != NULL && (EqualSid(owner, user->User.Sid) || EqualSid(owner, default_owner->Owner));
    }
    free(default_owner);
    free(user);
    LocalFree(descriptor);
    return rc;
}

int ipc4j_security_only_current_user(HANDLE handle)
{
    PACL dacl = NULL;
    PSECURITY_DESCRIPTOR descriptor = NULL;
    DWORD error = GetSecurityInfo(handle, SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &dacl, NULL,
                                  &descriptor);
    if (error != ERROR_SUCCESS) {
        return -(int) error;
    }
    TOKEN_USER *user = current_user();
    int rc;
    void *ace;
    if (user == NULL) {
        rc = ipc4j_win_error();
    } else if (dacl == NULL || dacl->AceCount != 1 || !GetAce(dacl, 0, &ace)) {
        rc = 0;
    } else {
        ACCESS_ALLOWED_ACE *allowed = ace;
        rc = allowed->Header.AceType == ACCESS_ALLOWED_ACE_TYPE
             && EqualSid((PSID) &allowed->SidStart, user->User.Sid);
    }
    free(user);
    LocalFree(descriptor);
    return rc;
}
