"""A portal's sync: up to 500 members created or replaced in one request, all or nothing."""

from drf_spectacular.utils import OpenApiExample
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ...services.member_batch import MAX_MEMBERS, upsert_members
from ...services.members import KEPT_WHEN_LEFT_OUT, MEMBER_FIELDS
from .. import examples
from ..conventions import APIConventions, extend_schema
from ..exceptions import problem
from ..permissions import ScopeRequired
from ..serializers.members import MemberBatchResultSerializer, MemberBatchSerializer

BATCH_EXAMPLE = OpenApiExample(
    "Two members",
    value={"members": [examples.MEMBER_BODY | {"member_id": "DEMO-0001"}, examples.SECOND_MEMBER_BODY]},
    request_only=True,
)


class MemberBatchView(APIConventions, APIView):
    permission_classes = [ScopeRequired]
    required_scope = "members:write"

    @extend_schema(
        summary=f"Create or replace up to {MAX_MEMBERS} members at once (all or nothing)",
        description="Each member is taken as PUT /members/{member_id}/ takes one (a full replace, the same rules), "
        "and the batch is written in one transaction: if any member is refused, nothing is written and the "
        "answer lists every problem, its field named `members[3].npi`. Field errors are 400; a refusal by the "
        "member rules (an NPI, NABP e-Profile ID or e-mail another member has, in the database or twice in the "
        "batch; a staff or anonymized member) is 422; a member changed elsewhere while the batch was written is "
        "409 (send it again). A member id appears once per batch. As with PUT, a member sent without "
        "`nabp_eprofile_id` keeps the stored one (a new member gets none), and one sent blank is cleared. "
        "Members come back in the order sent with what happened to each; each created or changed member sends "
        "its `member.updated` event.",
        tags=["members"],
        request=MemberBatchSerializer,
        responses={200: MemberBatchResultSerializer},
        examples=[BATCH_EXAMPLE, examples.BATCH_RESULT],
    )
    def post(self, request):
        body = MemberBatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        members = [
            {
                "member_id": member["member_id"],
                "email": member["user"]["email"],
                **{name: member[name] for name in MEMBER_FIELDS},
                **{name: member[name] for name in KEPT_WHEN_LEFT_OUT if name in member},
            }
            for member in body.validated_data["members"]
        ]
        outcome = upsert_members(members)
        if not outcome.applied:
            errors = [
                {"field": f"members[{index}].{name}" if name else f"members[{index}]", "message": message}
                for index, name, message in outcome.errors
            ]
            return problem(
                status.HTTP_422_UNPROCESSABLE_ENTITY,
                f"No member was written: {len({e[0] for e in outcome.errors})} member(s) refused; see errors[].",
                errors,
            )
        return Response(MemberBatchResultSerializer({"results": outcome.results}).data)
